//! The shadow of a draft: the text the rules read, with a map back to the draft. Zero-width
//! characters and separators slipped between characters are dropped, widths and case folded,
//! Traditional read as Simplified, look-alike letters and Chinese numeral runs read as what they
//! stand for. Each shadow character remembers the draft's UTF-16 span it came from, and whether
//! reading it took a trick (a hit over such characters is an evasion).

/// One character of the shadow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub ch: char,
    /// UTF-16 offsets of the draft character it came from.
    pub start: usize,
    pub end: usize,
    /// Reading it took a trick: full width, a look-alike, a numeral spelt in Chinese.
    pub tricked: bool,
    /// Something was dropped just before it (a zero-width character or a separator).
    pub after_gap: bool,
}

/// Characters that carry nothing and are slipped in to break up words.
fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}' | '\u{034F}')
}

/// What a character reads as, and whether that took a trick.
fn fold(c: char) -> (char, bool) {
    match c {
        '\u{FF01}'..='\u{FF5E}' => (char::from_u32(c as u32 - 0xFEE0).unwrap_or(c).to_ascii_lowercase(), true),
        'Ⅴ' | 'ⅴ' | 'ν' | 'Ѵ' | 'ѵ' => ('v', true),
        'Ⅹ' | 'ⅹ' | 'х' | 'Х' | '×' => ('x', true),
        'О' | 'о' | 'Ο' | 'ο' => ('o', true),
        'ⅰ' | 'Ⅰ' | 'і' | 'І' => ('i', true),
        c if c.is_ascii_uppercase() => (c.to_ascii_lowercase(), false),
        c => (c, false),
    }
}

/// A character the rules read (letters, digits, CJK, and the few symbols terms use).
fn kept(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '%' | '+' | '&')
}

/// Chinese numerals, when they spell a number out digit by digit (a phone number, an id).
fn numeral(c: char) -> Option<char> {
    Some(match c {
        '零' | '〇' | '洞' => '0',
        '一' | '壹' | '幺' => '1',
        '二' | '贰' | '貳' | '两' => '2',
        '三' | '叁' | '參' => '3',
        '四' | '肆' => '4',
        '五' | '伍' => '5',
        '六' | '陆' | '陸' => '6',
        '七' | '柒' => '7',
        '八' | '捌' => '8',
        '九' | '玖' => '9',
        _ => return None,
    })
}

/// Runs of at least this many Chinese numerals read as digits (一 alone stays a word).
const NUMERAL_RUN: usize = 5;

/// The shadow of `draft`.
pub fn shadow(draft: &str) -> Vec<Cell> {
    let mut cells: Vec<Cell> = Vec::with_capacity(draft.len());
    let mut at = 0usize;
    let mut gap = false;
    for c in draft.chars() {
        let start = at;
        at += c.len_utf16();
        if invisible(c) {
            gap = true;
            continue;
        }
        let (folded, tricked) = fold(c);
        // Traditional to Simplified, one character at a time (the map stays one to one).
        let simplified = if folded.is_ascii() { folded } else { fast2s::convert(folded.encode_utf8(&mut [0; 4])).chars().next().unwrap_or(folded) };
        if !kept(simplified) {
            gap = true;
            continue;
        }
        cells.push(Cell { ch: simplified, start, end: at, tricked, after_gap: gap });
        gap = false;
    }
    spell_numerals(&mut cells);
    read_digit_look_alikes(&mut cells);
    cells
}

/// In a run of digits and letters that look like them (l38OOl38OOO, lOO%), the letters read as
/// digits: o as 0, l and i as 1. Only runs with a real digit in them, or followed by %.
fn read_digit_look_alikes(cells: &mut [Cell]) {
    let looks = |c: char| matches!(c, 'o' | 'l' | 'i');
    let mut i = 0;
    while i < cells.len() {
        let run = cells[i..].iter().take_while(|c| c.ch.is_ascii_digit() || looks(c.ch)).count();
        let digits = cells[i..i + run].iter().filter(|c| c.ch.is_ascii_digit()).count();
        let percent = cells.get(i + run).is_some_and(|c| c.ch == '%');
        // Not inside a word (a run between letters is a word: "oil", "lid").
        let in_word = (i > 0 && cells[i - 1].ch.is_ascii_alphabetic()) || cells.get(i + run).is_some_and(|c| c.ch.is_ascii_alphabetic());
        if run >= 3 && (digits >= 2 || percent) && !in_word {
            for cell in &mut cells[i..i + run] {
                let d = match cell.ch {
                    'o' => '0',
                    'l' | 'i' => '1',
                    _ => continue,
                };
                cell.ch = d;
                cell.tricked = true;
            }
        }
        i += run.max(1);
    }
}

/// Long runs of Chinese numerals become digits.
fn spell_numerals(cells: &mut [Cell]) {
    let mut i = 0;
    while i < cells.len() {
        let run = cells[i..].iter().take_while(|c| numeral(c.ch).is_some() || c.ch.is_ascii_digit()).count();
        let spelt = cells[i..i + run].iter().filter(|c| numeral(c.ch).is_some()).count();
        if run >= NUMERAL_RUN && spelt >= 2 {
            for cell in &mut cells[i..i + run] {
                if let Some(d) = numeral(cell.ch) {
                    cell.ch = d;
                    cell.tricked = true;
                }
            }
        }
        i += run.max(1);
    }
}

/// The shadow as a string, and each byte's cell index (to map automaton hits back).
pub fn text_of(cells: &[Cell]) -> (String, Vec<usize>) {
    let mut text = String::with_capacity(cells.len() * 3);
    let mut owner = Vec::with_capacity(cells.len() * 3);
    for (i, cell) in cells.iter().enumerate() {
        text.push(cell.ch);
        owner.extend(std::iter::repeat_n(i, cell.ch.len_utf8()));
    }
    (text, owner)
}

/// A term as the shadow reads it (terms are written as people type them).
pub fn term(raw: &str) -> String {
    shadow(raw).iter().map(|c| c.ch).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> String {
        term(s)
    }

    #[test]
    fn separators_zero_width_widths_and_look_alikes_fold_away() {
        assert_eq!(read("加 V-X"), "加vx");
        assert_eq!(read("微\u{200B}信"), "微信");
        assert_eq!(read("ＶＸ：ｋｅｆｕ"), "vxkefu");
        assert_eq!(read("ⅤX"), "vx");
        assert_eq!(read("好評返現"), "好评返现");
        assert_eq!(read("100%棉"), "100%棉");
    }

    #[test]
    fn numerals_spelt_out_become_digits_but_a_lone_one_stays_a_word() {
        assert_eq!(read("一三八零零一三八零零零"), "13800138000");
        assert_eq!(read("第一次"), "第一次");
        assert_eq!(read("买一送一"), "买一送一");
    }

    #[test]
    fn every_cell_maps_back_to_its_draft_character_in_utf16() {
        let cells = shadow("a😀微 信");
        assert_eq!(cells.iter().map(|c| (c.start, c.end)).collect::<Vec<_>>(), vec![(0, 1), (3, 4), (5, 6)]);
        assert!(cells[2].after_gap, "the space before 信 was dropped");
    }
}
