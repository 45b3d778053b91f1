//! Normalisation of a raw buyer turn into the form the classifier reads:
//! bounded length, half-width, lower case, Simplified Chinese, emoticons and emoji as single
//! marker characters, pasted order/product cards as one marker, runs and repeats collapsed.
//!
//! Markers live in the Unicode private-use area so they can never collide with buyer text and
//! count as one character for n-gram features.

/// Work is bounded: characters beyond this are ignored (a buyer turn is rarely over 200).
pub const MAX_INPUT_CHARS: usize = 600;

/// Marker characters standing for things that are not words.
pub mod marker {
    /// Smiling, happy, love, flowers.
    pub const HAPPY: char = '\u{E001}';
    /// Crying, sad, pleading.
    pub const SAD: char = '\u{E002}';
    /// Angry faces, swearing symbols.
    pub const ANGRY: char = '\u{E003}';
    /// Thanks: folded hands, fist salute.
    pub const THANKS: char = '\u{E004}';
    /// Thumbs up, OK hand.
    pub const OK: char = '\u{E005}';
    /// Surprised, confused, speechless.
    pub const PUZZLED: char = '\u{E006}';
    /// Any other emoji or emoticon.
    pub const EMOJI: char = '\u{E007}';
    /// A card pasted by the chat page (order or product consultation header).
    pub const CARD: char = '\u{E010}';
    /// A long digit run: order id, phone number, tracking number.
    pub const LONG_NUMBER: char = '\u{E011}';
    /// A picture or other attachment placeholder.
    pub const PICTURE: char = '\u{E012}';

    pub fn is_marker(c: char) -> bool {
        ('\u{E000}'..='\u{E0FF}').contains(&c)
    }
}

/// A normalised turn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    /// The buyer repeated a phrase or hammered a character (在吗在吗在吗, 快点!!!!!): urgency.
    pub repeated: bool,
    /// The raw turn was longer than `MAX_INPUT_CHARS` and was cut.
    pub truncated: bool,
}

/// Normalises one raw buyer turn. Never fails, whatever the input.
pub fn normalize(raw: &str) -> Normalized {
    let truncated = raw.chars().nth(MAX_INPUT_CHARS).is_some();
    let bounded: String = raw.chars().take(MAX_INPUT_CHARS).collect();
    let widened: String = bounded.chars().map(half_width).collect();
    let simplified = fast2s::convert(&widened);
    // ASCII only: full-width letters are already ASCII, and Chinese has no case.
    let marked = replace_emoticons(&simplified.to_ascii_lowercase());
    let carded = replace_cards(&marked);
    let (text, repeated) = collapse_repeats(&carded);
    Normalized { text, repeated, truncated }
}

/// Full-width ASCII forms to half-width; CJK punctuation to its ASCII look-alike; control
/// characters and odd spaces to a plain space.
fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2000}'..='\u{200A}' => ' ',
        '。' => '.',
        '、' => ',',
        '「' | '」' | '『' | '』' | '“' | '”' => '"',
        '【' | '〔' => '[',
        '】' | '〕' => ']',
        '〜' => '~',
        '…' => '.',
        c if c.is_control() => ' ',
        c => c,
    }
}

/// Platform emoticon codes (`[微笑]`, `/:^_^`) and emoji become marker characters.
fn replace_emoticons(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if c == '[' {
            if let Some(end) = rest[1..].find(']') {
                let name = &rest[1..1 + end];
                if let Some(m) = bracket_code(name) {
                    out.push(m);
                    rest = &rest[end + 2..];
                    continue;
                }
            }
        }
        if c == '/' && rest.starts_with("/:") {
            if let Some((m, len)) = slash_code(&rest[2..]) {
                out.push(m);
                rest = &rest[2 + len..];
                continue;
            }
        }
        if !is_emoji_modifier(c) {
            out.push(emoji_marker(c).unwrap_or(c));
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// `[微笑]`-style codes used by Taobao/Qianniu, JD and WeChat-like chat pages.
fn bracket_code(name: &str) -> Option<char> {
    use marker::*;
    let len = name.chars().count();
    if len == 0 || len > 4 {
        return None;
    }
    const TABLE: &[(&[&str], char)] = &[
        (&["微笑", "笑", "憨笑", "偷笑", "呲牙", "大笑", "愉快", "可爱", "害羞", "色", "爱心", "玫瑰", "亲亲", "飞吻", "开心", "耶", "嘿哈", "鼓掌"], HAPPY),
        (&["流泪", "大哭", "哭", "可怜", "委屈", "难过", "快哭了", "伤心", "心碎", "衰", "泪"], SAD),
        (&["生气", "发怒", "怒", "愤怒", "抓狂", "鄙视", "咒骂", "骂人", "炸弹", "菜刀", "便便", "怒火", "拳头"], ANGRY),
        (&["抱拳", "谢谢", "感谢", "合十", "拜托", "作揖"], THANKS),
        (&["强", "赞", "ok", "好的", "握手", "胜利", "oK", "点赞"], OK),
        (&["疑问", "惊讶", "尴尬", "晕", "汗", "无语", "撇嘴", "白眼", "吃惊", "发呆", "捂脸", "问号"], PUZZLED),
        (&["图片", "商品", "订单", "链接", "语音", "视频", "表情", "动画表情"], PICTURE),
    ];
    for (names, m) in TABLE {
        if names.contains(&name) {
            return Some(*m);
        }
    }
    None
}

/// Old Wangwang-style codes after `/:` (`/:^_^`, `/:Y`, `/:-(`).
fn slash_code(s: &str) -> Option<(char, usize)> {
    use marker::*;
    const TABLE: &[(&str, char)] = &[
        ("^_^", HAPPY), (":-)", HAPPY), (")", HAPPY), ("-)", HAPPY), ("8-)", HAPPY), ("lvu", HAPPY),
        ("087", HAPPY), ("-(", SAD), ("(", SAD), ("~", SAD), ("'(", SAD), ("@", ANGRY), ("-@", ANGRY),
        ("!", PUZZLED), ("?", PUZZLED), ("y", OK), ("ok", OK), ("handshake", OK), ("b", OK),
    ];
    TABLE
        .iter()
        .filter(|(code, _)| s.starts_with(code))
        .max_by_key(|(code, _)| code.len())
        .map(|(code, m)| (*m, code.len()))
}

fn emoji_marker(c: char) -> Option<char> {
    use marker::*;
    let m = match c {
        '😡' | '😠' | '🤬' | '💢' | '👿' | '😤' | '🖕' | '💩' | '🔪' | '💣' => ANGRY,
        '😭' | '😢' | '😥' | '😰' | '😞' | '😔' | '😟' | '🥺' | '😣' | '😖' | '😫' | '😩' | '💔' => SAD,
        '🙏' | '🤝' => THANKS,
        '👍' | '👌' | '✌' | '💪' | '✅' => OK,
        '😂' | '🤣' | '😊' | '😄' | '😁' | '😃' | '😀' | '😆' | '🙂' | '😉' | '😘' | '🥰' | '😍'
        | '❤' | '💕' | '💖' | '🌹' | '🌸' | '🎉' | '😋' | '😎' | '🤗' | '☺' | '😅' | '💗' => HAPPY,
        '😳' | '😮' | '😲' | '🤔' | '😓' | '😑' | '😐' | '🙄' | '😒' | '😶' | '🤷' | '❓' | '❔' | '😵' => {
            PUZZLED
        }
        '\u{1F300}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}' => EMOJI,
        _ => return None,
    };
    Some(m)
}

/// Variation selectors, skin tones and joiners carry no meaning once the emoji is a marker.
fn is_emoji_modifier(c: char) -> bool {
    matches!(c, '\u{FE0E}' | '\u{FE0F}' | '\u{200D}' | '\u{1F3FB}'..='\u{1F3FF}' | '\u{20E3}')
}

/// Pasted consultation cards ("咨询订单号:… 商品ID:…", "[订单] 订单号:… 交易状态:…",
/// "[商品] 标题 ¥399.00") become one marker; other long digit runs become another. What the
/// buyer typed after the card is kept.
fn replace_cards(s: &str) -> String {
    const CARD_FIELDS: &[&str] = &[
        "咨询订单号", "订单号", "订单编号", "商品id", "商品编号", "商品链接", "交易状态", "订单状态",
        "服务单号", "售后单号", "商品名称", "下单时间", "付款时间", "实付",
    ];
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    let mut last_was_card = false;
    loop {
        // A card field: drop "field:value" up to the next space.
        if let Some(field) = CARD_FIELDS.iter().find(|f| rest.starts_with(*f)) {
            let after = &rest[field.len()..];
            let after = after.trim_start_matches([':', ' ']);
            let value_len = after.find(' ').unwrap_or(after.len());
            if !last_was_card {
                out.push(marker::CARD);
                last_was_card = true;
            }
            rest = after[value_len..].trim_start();
            if !rest.is_empty() {
                out.push(' ');
            }
            continue;
        }
        // "[商品] title ¥price" cards: the marker came from `[商品]`; skip to the price.
        if out.ends_with(marker::PICTURE) && rest.trim_start().contains('¥') {
            let price_at = rest.find('¥').unwrap_or(0);
            let after = &rest[price_at + '¥'.len_utf8()..];
            let num_len = after.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(after.len());
            out.pop();
            out.push(marker::CARD);
            rest = after[num_len..].trim_start();
            if !rest.is_empty() {
                out.push(' ');
            }
            continue;
        }
        let Some(c) = rest.chars().next() else { break };
        if c.is_ascii_digit() {
            let len = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
            if len >= 9 {
                out.push(marker::LONG_NUMBER);
            } else {
                out.push_str(&rest[..len]);
            }
            rest = &rest[len..];
            last_was_card = false;
            continue;
        }
        out.push(c);
        if c != ' ' {
            last_was_card = false;
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Collapses runs of one character to two (哈哈哈哈 → 哈哈, !!!!! → !!), repeated short phrases to
/// one (在吗在吗在吗 → 在吗), and runs of spaces to one. Reports whether anything was repeated.
fn collapse_repeats(s: &str) -> (String, bool) {
    let chars: Vec<char> = s.chars().collect();
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut repeated = false;
    let mut i = 0;
    'outer: while i < chars.len() {
        let c = chars[i];
        if c == ' ' {
            if !out.is_empty() && out.last() != Some(&' ') {
                out.push(' ');
            }
            i += 1;
            continue;
        }
        // A phrase of 2..=4 characters repeated back to back (ignoring spaces and punctuation).
        for len in (2..=4).rev() {
            if i + 2 * len > chars.len() {
                continue;
            }
            let phrase = &chars[i..i + len];
            if phrase.iter().all(|&p| p == phrase[0]) || phrase.iter().any(|p| !p.is_alphanumeric()) {
                continue;
            }
            let mut j = i + len;
            let mut count = 1;
            loop {
                let mut k = j;
                while k < chars.len() && matches!(chars[k], ' ' | ',' | '?' | '!' | '.') {
                    k += 1;
                }
                if k + len <= chars.len() && &chars[k..k + len] == phrase {
                    j = k + len;
                    count += 1;
                } else {
                    break;
                }
            }
            if count >= 2 {
                out.extend_from_slice(phrase);
                // 在吗在吗 and 快点快点 sound urgent; 卖不卖 不卖 does not.
                repeated |= count >= 3 || matches!(phrase[len - 1], '吗' | '呢' | '啊' | '点' | '了');
                i = j;
                continue 'outer;
            }
        }
        let mut run = 1;
        while i + run < chars.len() && chars[i + run] == c {
            run += 1;
        }
        let keep = run.min(2);
        if run > 2 {
            repeated = true;
        }
        out.extend(std::iter::repeat_n(c, keep));
        i += run;
    }
    while out.last() == Some(&' ') {
        out.pop();
    }
    (out.into_iter().collect(), repeated)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        normalize(s).text
    }

    #[test]
    fn traditional_becomes_simplified() {
        assert_eq!(norm("請問還有貨嗎"), "请问还有货吗");
        assert_eq!(norm("運費怎麼算"), "运费怎么算");
    }

    #[test]
    fn widths_case_and_punctuation() {
        assert_eq!(norm("ＯＫ！好的，謝謝。"), "ok!好的,谢谢.");
        assert_eq!(norm("XL码"), "xl码");
        assert_eq!(norm("在\u{3000}吗"), "在 吗");
    }

    #[test]
    fn emoticons_and_emoji_become_markers() {
        assert_eq!(norm("[微笑]好的"), format!("{}好的", marker::HAPPY));
        assert_eq!(norm("/:^_^谢谢"), format!("{}谢谢", marker::HAPPY));
        assert_eq!(norm("气死了😡"), format!("气死了{}", marker::ANGRY));
        assert_eq!(norm("谢谢🙏🏻"), format!("谢谢{}", marker::THANKS));
        // Unknown bracket text stays as it is.
        assert_eq!(norm("[不知道]"), "[不知道]");
    }

    #[test]
    fn repeats_collapse_and_are_reported() {
        let n = normalize("在吗在吗在吗");
        assert_eq!(n.text, "在吗");
        assert!(n.repeated);
        assert_eq!(norm("哈哈哈哈哈"), "哈哈");
        assert_eq!(norm("快点 快点!!!!"), "快点!!");
        let calm = normalize("谢谢");
        assert_eq!(calm.text, "谢谢");
        assert!(!calm.repeated);
    }

    #[test]
    fn pasted_cards_become_one_marker() {
        let n = norm("咨询订单号:3481726650192837 商品ID:100045872316 这个什么时候发货");
        assert_eq!(n, format!("{} 这个什么时候发货", marker::CARD));
        let n = norm("[商品] 恒温花洒套装 ¥399.00 有黑色吗");
        assert_eq!(n, format!("{} 有黑色吗", marker::CARD));
        let n = norm("单号是773289102934 查一下");
        assert_eq!(n, format!("单号是{} 查一下", marker::LONG_NUMBER));
        assert_eq!(norm("少20就拍"), "少20就拍");
    }

    #[test]
    fn long_input_is_bounded() {
        let long = "啊".repeat(1_000_000);
        let n = normalize(&long);
        assert!(n.truncated);
        assert!(n.text.chars().count() <= MAX_INPUT_CHARS);
    }

    #[test]
    fn odd_input_never_panics() {
        for s in ["", " ", "\u{0}\u{7}", "[", "[]", "/:", "¥", "[商品]", "订单号:", "\u{FFFD}\u{E001}", "🏻", "a\u{200D}b"] {
            let _ = normalize(s);
        }
    }
}
