//! Where a conversation is in the nine-step service flow of the playbook (greet, ask,
//! recommend, negotiate, verify the order, farewell, follow up, after-sale, record), and when a
//! buyer who asked about an item without ordering is due a follow-up.

use crate::intent::Intent;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FlowStep {
    Greet,
    Ask,
    Recommend,
    Negotiate,
    VerifyOrder,
    Farewell,
    FollowUp,
    AfterSale,
    Record,
}

/// The step a buyer turn moves the conversation to. `has_item`: a catalog item is being
/// discussed; `ordered`: the buyer has placed an order in this conversation; `dispute`: an
/// after-sale case is open, which everything but a farewell stays part of.
pub fn step_for(prev: Option<FlowStep>, intent: Intent, has_item: bool, ordered: bool, dispute: bool) -> FlowStep {
    use Intent::*;
    if dispute && intent != ThanksBye {
        return FlowStep::AfterSale;
    }
    match intent {
        Greeting => prev.unwrap_or(FlowStep::Greet),
        ProductInfo | SizeAdvice | Stock | Authenticity | Compare | ShippingFee => {
            if has_item {
                FlowStep::Recommend
            } else {
                FlowStep::Ask
            }
        }
        Bargain | Promotion => FlowStep::Negotiate,
        OrderPlaced | Payment | OrderChange | Cancel => FlowStep::VerifyOrder,
        DeliveryTime | Courier | Invoice => {
            if ordered {
                FlowStep::VerifyOrder
            } else if has_item {
                FlowStep::Recommend
            } else {
                FlowStep::Ask
            }
        }
        PriceProtection | Logistics | Damaged | MissingWrong | Quality | ReturnExchange | Refund | Usage | Warranty
        | Complaint | Review => FlowStep::AfterSale,
        ThanksBye => FlowStep::Farewell,
        Ack | Other | Human => prev.unwrap_or(FlowStep::Ask),
    }
}

/// Pre-sale questions about an item start the follow-up clock.
pub fn starts_follow_up_clock(intent: Intent) -> bool {
    use Intent::*;
    matches!(intent, ProductInfo | SizeAdvice | Stock | Authenticity | Compare | Bargain | Promotion | ShippingFee | DeliveryTime | Courier)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sale_walks_the_flow() {
        let mut step = step_for(None, Intent::Greeting, false, false, false);
        assert_eq!(step, FlowStep::Greet);
        step = step_for(Some(step), Intent::SizeAdvice, false, false, false);
        assert_eq!(step, FlowStep::Ask);
        step = step_for(Some(step), Intent::ProductInfo, true, false, false);
        assert_eq!(step, FlowStep::Recommend);
        step = step_for(Some(step), Intent::Bargain, true, false, false);
        assert_eq!(step, FlowStep::Negotiate);
        step = step_for(Some(step), Intent::OrderPlaced, true, true, false);
        assert_eq!(step, FlowStep::VerifyOrder);
        assert_eq!(step_for(Some(step), Intent::DeliveryTime, true, true, false), FlowStep::VerifyOrder);
        assert_eq!(step_for(Some(step), Intent::Ack, true, true, false), FlowStep::VerifyOrder);
        assert_eq!(step_for(Some(step), Intent::ThanksBye, true, true, false), FlowStep::Farewell);
        assert_eq!(step_for(None, Intent::Damaged, false, false, false), FlowStep::AfterSale);
        // Inside an open case, a delivery question is part of the case; a farewell is a farewell.
        assert_eq!(step_for(Some(FlowStep::AfterSale), Intent::DeliveryTime, true, true, true), FlowStep::AfterSale);
        assert_eq!(step_for(Some(FlowStep::AfterSale), Intent::ThanksBye, true, true, true), FlowStep::Farewell);
    }
}
