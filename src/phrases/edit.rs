//! Editing the library one phrase at a time (the options page's manager): add, change, delete,
//! move within its group, rename a group. Each change is checked whole before it is made, and a
//! refusal says why; the list is left as it was. The stored order is the order within a group
//! (search ranks ties by it), so a move swaps a phrase with its neighbour in the same group.

use super::{problem, Phrase, MAX_GROUP_CHARS, MAX_PHRASES};

/// A phrase as the agent typed it: fields trimmed, a leading `/` dropped from the code.
pub fn typed(group: &str, code: &str, text: &str) -> Phrase {
    Phrase { group: group.trim().into(), code: code.trim().trim_start_matches('/').into(), text: text.trim().into(), uses: 0 }
}

/// Why `p` cannot be kept at `index` (None: a new phrase) beside the others.
fn refused(list: &[Phrase], p: &Phrase, index: Option<usize>) -> Option<String> {
    if let Some(why) = problem(p) {
        return Some(why);
    }
    let others = || list.iter().enumerate().filter(move |(i, _)| Some(*i) != index).map(|(_, e)| e);
    if !p.code.is_empty() {
        if let Some(same) = others().find(|e| e.code.eq_ignore_ascii_case(&p.code)) {
            return Some(format!("the code /{} is already used by \u{201c}{}\u{201d}", p.code, preview(&same.text)));
        }
    }
    if others().any(|e| e.text == p.text) {
        return Some("the same phrase is already in the library".into());
    }
    None
}

fn preview(text: &str) -> String {
    let short: String = text.chars().take(20).collect();
    if short.len() < text.len() {
        format!("{short}…")
    } else {
        short
    }
}

fn at(list: &[Phrase], index: usize) -> Result<&Phrase, String> {
    list.get(index).ok_or_else(|| format!("there is no phrase {}: the list has {}", index + 1, list.len()))
}

/// Adds a phrase after the last one of its group (at the end for a new group). @returns its index.
pub fn add(list: &mut Vec<Phrase>, p: Phrase) -> Result<usize, String> {
    if list.len() >= MAX_PHRASES {
        return Err(format!("the library already holds {MAX_PHRASES} phrases, the most it keeps"));
    }
    if let Some(why) = refused(list, &p, None) {
        return Err(why);
    }
    let index = list.iter().rposition(|e| e.group == p.group).map_or(list.len(), |i| i + 1);
    list.insert(index, Phrase { uses: 0, ..p });
    Ok(index)
}

/// Changes phrase `index` to `p`'s group, code and text; its use count stays. A phrase moved to
/// another group goes to that group's end. @returns its index now.
pub fn update(list: &mut Vec<Phrase>, index: usize, p: Phrase) -> Result<usize, String> {
    let uses = at(list, index)?.uses;
    if let Some(why) = refused(list, &p, Some(index)) {
        return Err(why);
    }
    if list[index].group == p.group {
        list[index] = Phrase { uses, ..p };
        return Ok(index);
    }
    list.remove(index);
    let to = list.iter().rposition(|e| e.group == p.group).map_or(list.len(), |i| i + 1);
    list.insert(to, Phrase { uses, ..p });
    Ok(to)
}

/// Deletes phrase `index`. @returns it.
pub fn remove(list: &mut Vec<Phrase>, index: usize) -> Result<Phrase, String> {
    at(list, index)?;
    Ok(list.remove(index))
}

/// Swaps phrase `index` with the one before it in its group. @returns its index now.
pub fn move_up(list: &mut [Phrase], index: usize) -> Result<usize, String> {
    let group = at(list, index)?.group.clone();
    let before = list[..index].iter().rposition(|e| e.group == group).ok_or("it is already first in its group")?;
    list.swap(before, index);
    Ok(before)
}

/// Swaps phrase `index` with the one after it in its group. @returns its index now.
pub fn move_down(list: &mut [Phrase], index: usize) -> Result<usize, String> {
    let group = at(list, index)?.group.clone();
    let after = list[index + 1..].iter().position(|e| e.group == group).ok_or("it is already last in its group")? + index + 1;
    list.swap(index, after);
    Ok(after)
}

/// Gives every phrase of group `from` the name `to` (joining that group if it exists: the
/// renamed phrases follow its own). @returns how many were renamed.
pub fn rename_group(list: &mut Vec<Phrase>, from: &str, to: &str) -> Result<usize, String> {
    let to = to.trim();
    if to.chars().count() > MAX_GROUP_CHARS {
        return Err(format!("the group name is longer than {MAX_GROUP_CHARS} characters"));
    }
    let n = list.iter().filter(|e| e.group == from).count();
    if n == 0 {
        return Err(format!("there is no group \u{201c}{from}\u{201d}"));
    }
    if from == to {
        return Ok(0);
    }
    // Stable: the renamed phrases keep their order, after those already in `to`.
    let (moved, mut kept): (Vec<Phrase>, Vec<Phrase>) = list.drain(..).partition(|e| e.group == from);
    let at = kept.iter().rposition(|e| e.group == to).map_or(kept.len(), |i| i + 1);
    kept.splice(at..at, moved.into_iter().map(|e| Phrase { group: to.to_string(), ..e }));
    *list = kept;
    Ok(n)
}

/// The library by group, groups in the order they first appear: (group, indices of its phrases).
pub fn grouped(list: &[Phrase]) -> Vec<(&str, Vec<usize>)> {
    let mut groups: Vec<(&str, Vec<usize>)> = Vec::new();
    for (i, p) in list.iter().enumerate() {
        match groups.iter_mut().find(|(g, _)| *g == p.group) {
            Some((_, members)) => members.push(i),
            None => groups.push((p.group.as_str(), vec![i])),
        }
    }
    groups
}

/// Phrase `index` if it still reads `text`, else wherever `text` is now (another page may have
/// changed the list since this one drew it): an index from the page never hits the wrong phrase.
pub fn locate(list: &[Phrase], index: usize, text: &str) -> Result<usize, String> {
    if list.get(index).is_some_and(|p| p.text == text) {
        return Ok(index);
    }
    list.iter().position(|p| p.text == text).ok_or_else(|| "that phrase is no longer in the library (changed elsewhere); the list is shown again".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lib() -> Vec<Phrase> {
        vec![typed("售后", "tk", "退款到账一般1-3天"), typed("发货", "fh", "今天下单明天发"), typed("售后", "", "亲，麻烦拍一下破损处"), typed("发货", "kd", "默认中通快递")]
    }

    fn texts(list: &[Phrase]) -> Vec<&str> {
        list.iter().map(|p| p.text.as_str()).collect()
    }

    #[test]
    fn typed_trims_and_drops_the_slash() {
        assert_eq!(typed(" 售后 ", " /tk ", " 退款 "), Phrase { group: "售后".into(), code: "tk".into(), text: "退款".into(), uses: 0 });
    }

    #[test]
    fn add_goes_to_the_end_of_its_group_and_refuses_with_a_reason() {
        let mut list = lib();
        assert_eq!(add(&mut list, typed("售后", "bh", "换货请寄回")).unwrap(), 3);
        assert_eq!(list[3].group, "售后");
        assert_eq!(add(&mut list, typed("问候", "", "您好")).unwrap(), 5, "a new group goes last");
        let before = list.clone();
        assert_eq!(add(&mut list, typed("售后", "", "  ")).unwrap_err(), "the phrase is empty");
        let dup = add(&mut list, typed("问候", "/FH", "别的话")).unwrap_err();
        assert!(dup.contains("/FH") && dup.contains("今天下单明天发"), "{dup}");
        assert!(add(&mut list, typed("问候", "", "默认中通快递")).unwrap_err().contains("already"));
        assert!(add(&mut list, typed("问候", "a b", "x")).unwrap_err().contains("code"));
        assert_eq!(list, before, "a refused phrase changes nothing");
    }

    #[test]
    fn add_starts_uses_at_zero_and_stops_at_the_limit() {
        let mut list = Vec::new();
        add(&mut list, Phrase { uses: 9, ..typed("", "", "a") }).unwrap();
        assert_eq!(list[0].uses, 0);
        let mut full: Vec<Phrase> = (0..MAX_PHRASES).map(|i| typed("", "", &i.to_string())).collect();
        assert!(add(&mut full, typed("", "", "more")).unwrap_err().contains(&MAX_PHRASES.to_string()));
    }

    #[test]
    fn update_keeps_uses_and_refuses_what_add_refuses() {
        let mut list = lib();
        list[1].uses = 7;
        assert_eq!(update(&mut list, 1, typed("发货", "fh", "今天下单今天发")).unwrap(), 1);
        assert_eq!((list[1].text.as_str(), list[1].uses), ("今天下单今天发", 7));
        // Its own code is no duplicate; another phrase's is.
        assert!(update(&mut list, 1, typed("发货", "tk", "x")).unwrap_err().contains("/tk"));
        assert!(update(&mut list, 9, typed("", "", "x")).unwrap_err().contains("no phrase 10"));
        // Another group: moved to its end, uses kept.
        assert_eq!(update(&mut list, 1, typed("售后", "fh", "今天下单今天发")).unwrap(), 2);
        assert_eq!(texts(&list), vec!["退款到账一般1-3天", "亲，麻烦拍一下破损处", "今天下单今天发", "默认中通快递"]);
        assert_eq!(list[2].uses, 7);
    }

    #[test]
    fn remove_and_moves_within_a_group() {
        let mut list = lib();
        assert_eq!(move_down(&mut list, 0).unwrap(), 2, "past the other group's phrase");
        assert_eq!(texts(&list), vec!["亲，麻烦拍一下破损处", "今天下单明天发", "退款到账一般1-3天", "默认中通快递"]);
        assert_eq!(move_up(&mut list, 2).unwrap(), 0);
        assert_eq!(list, lib());
        assert_eq!(move_up(&mut list, 0).unwrap_err(), "it is already first in its group");
        assert_eq!(move_down(&mut list, 3).unwrap_err(), "it is already last in its group");
        assert!(move_up(&mut list, 4).is_err());
        assert_eq!(remove(&mut list, 1).unwrap().code, "fh");
        assert_eq!(list.len(), 3);
        assert!(remove(&mut list, 3).is_err());
    }

    #[test]
    fn renamed_group_joins_the_other_in_order() {
        let mut list = lib();
        assert_eq!(rename_group(&mut list, "售后", "发货").unwrap(), 2);
        assert_eq!(texts(&list), vec!["今天下单明天发", "默认中通快递", "退款到账一般1-3天", "亲，麻烦拍一下破损处"]);
        assert!(list.iter().all(|p| p.group == "发货"));
        assert!(rename_group(&mut list, "售后", "x").unwrap_err().contains("no group"));
        assert!(rename_group(&mut list, "发货", &"长".repeat(31)).unwrap_err().contains("longer"));
    }

    #[test]
    fn grouped_in_first_seen_order() {
        let list = lib();
        assert_eq!(grouped(&list), vec![("售后", vec![0, 2]), ("发货", vec![1, 3])]);
    }

    #[test]
    fn locate_follows_a_phrase_that_moved() {
        let list = lib();
        assert_eq!(locate(&list, 1, "今天下单明天发").unwrap(), 1);
        assert_eq!(locate(&list, 0, "今天下单明天发").unwrap(), 1);
        assert!(locate(&list, 0, "不在了").is_err());
    }
}
