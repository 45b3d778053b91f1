//! The contract of `shared/docs/intents.md` as Rust types. Ids are stable: the serde names are
//! exactly the ids of the document, and `ALL` lists lets tests and tools walk every variant.

use serde::{Deserialize, Serialize};

macro_rules! id_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $id:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $id)] $variant),+
        }

        impl $name {
            /// Every variant, in the order of the contract.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable id, as written in `intents.md`.
            pub fn id(self) -> &'static str {
                match self { $($name::$variant => $id),+ }
            }

            /// Parses a stable id.
            pub fn from_id(id: &str) -> Option<Self> {
                match id { $($id => Some($name::$variant),)+ _ => None }
            }

            /// Position in `ALL`, handy as an array index.
            pub fn index(self) -> usize {
                self as usize
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.id())
            }
        }
    };
}

id_enum! {
    /// What the buyer wants with this turn.
    Intent {
        Greeting = "greeting",
        ProductInfo = "product_info",
        SizeAdvice = "size_advice",
        Stock = "stock",
        Authenticity = "authenticity",
        Compare = "compare",
        Bargain = "bargain",
        Promotion = "promotion",
        ShippingFee = "shipping_fee",
        DeliveryTime = "delivery_time",
        Courier = "courier",
        Invoice = "invoice",
        OrderChange = "order_change",
        Payment = "payment",
        OrderPlaced = "order_placed",
        Cancel = "cancel",
        PriceProtection = "price_protection",
        Logistics = "logistics",
        Damaged = "damaged",
        MissingWrong = "missing_wrong",
        Quality = "quality",
        ReturnExchange = "return_exchange",
        Refund = "refund",
        Usage = "usage",
        Warranty = "warranty",
        Complaint = "complaint",
        Review = "review",
        Human = "human",
        ThanksBye = "thanks_bye",
        Ack = "ack",
        Other = "other",
    }
}

id_enum! {
    /// How a bargaining buyer bargains (only set with `Intent::Bargain`).
    BuyerType {
        Decisive = "decisive",
        Ultimatum = "ultimatum",
        Sympathy = "sympathy",
        Excuse = "excuse",
        Promise = "promise",
        Comparison = "comparison",
        Regular = "regular",
    }
}

id_enum! {
    /// How the buyer feels. `Angry` suppresses selling and surfaces de-escalation.
    Sentiment {
        Calm = "calm",
        Anxious = "anxious",
        Angry = "angry",
    }
}

id_enum! {
    /// Kinds of spans extracted from a buyer turn.
    EntityKind {
        Height = "height",
        Weight = "weight",
        Size = "size",
        Money = "money",
        Quantity = "quantity",
        OrderId = "order_id",
        Phone = "phone",
        DateTime = "date_time",
        Competitor = "competitor",
    }
}

/// The sales stage an intent usually belongs to (the `stage` column of the contract).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    PreSale,
    InSale,
    AfterSale,
    Any,
}

impl Intent {
    pub fn stage(self) -> Stage {
        use Intent::*;
        match self {
            ProductInfo | SizeAdvice | Stock | Authenticity | Compare | Bargain | Promotion
            | ShippingFee => Stage::PreSale,
            DeliveryTime | Courier | OrderChange | Payment | OrderPlaced | Cancel => Stage::InSale,
            PriceProtection | Logistics | Damaged | MissingWrong | Quality | ReturnExchange
            | Refund | Usage | Warranty | Review => Stage::AfterSale,
            Greeting | Invoice | Complaint | Human | ThanksBye | Ack | Other => Stage::Any,
        }
    }

    /// After-sale problems and disputes: no selling while one is open.
    pub fn is_dispute(self) -> bool {
        use Intent::*;
        matches!(
            self,
            Damaged | MissingWrong | Quality | ReturnExchange | Refund | Complaint | PriceProtection
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intent_ids_round_trip_through_serde() {
        assert_eq!(Intent::ALL.len(), 31);
        for &intent in Intent::ALL {
            let json = serde_json::to_string(&intent).unwrap();
            assert_eq!(json, format!("\"{}\"", intent.id()));
            assert_eq!(serde_json::from_str::<Intent>(&json).unwrap(), intent);
            assert_eq!(Intent::from_id(intent.id()), Some(intent));
            assert_eq!(Intent::ALL[intent.index()], intent);
        }
    }

    #[test]
    fn buyer_type_sentiment_and_entity_ids_round_trip() {
        assert_eq!(BuyerType::ALL.len(), 7);
        for &t in BuyerType::ALL {
            let json = serde_json::to_string(&t).unwrap();
            assert_eq!(serde_json::from_str::<BuyerType>(&json).unwrap(), t);
        }
        for &s in Sentiment::ALL {
            let json = serde_json::to_string(&s).unwrap();
            assert_eq!(serde_json::from_str::<Sentiment>(&json).unwrap(), s);
        }
        for &k in EntityKind::ALL {
            let json = serde_json::to_string(&k).unwrap();
            assert_eq!(serde_json::from_str::<EntityKind>(&json).unwrap(), k);
        }
    }

    /// The ids must be exactly those of the contract document.
    #[test]
    fn ids_match_the_contract_document() {
        let doc = include_str!("../../docs/intents.md");
        for &intent in Intent::ALL {
            assert!(doc.contains(&format!("| `{}` |", intent.id())), "{intent} not in intents.md");
        }
        for &t in BuyerType::ALL {
            assert!(doc.contains(&format!("| `{}` |", t.id())), "{t} not in intents.md");
        }
        for &s in Sentiment::ALL {
            assert!(doc.contains(&format!("`{}`", s.id())), "{s} not in intents.md");
        }
    }

    #[test]
    fn unknown_ids_are_rejected() {
        assert!(serde_json::from_str::<Intent>("\"shopping\"").is_err());
        assert_eq!(Intent::from_id("Greeting"), None);
    }
}
