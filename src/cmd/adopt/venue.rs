//! Moving a draft's text to the adopting group's venue: the workgroup on the first page, the
//! area, the "Discussion Venues" note (RFCXML) or the `venue:` keys (kramdown-rfc), the mmark
//! title block, the IRTF stream, and the skeleton's sentence that says where the work is
//! discussed. Every edit is within the document's own `<front>` or front matter, and changes
//! only what names the old group.

use std::fmt::Write as _;
use std::ops::Range;

use crate::groups::Venue;
use crate::source::{self, SourceKind, edit};
use crate::text::{escape_xml, yaml_scalar};

/// What to do with a draft's area when it moves to `venue`: `Some(name)` to switch to,
/// `Some("")` to drop (IRTF groups are in no IETF area), `None` to keep what is there (an area
/// newdraft does not know).
fn area_switch(venue: &Venue) -> Option<&'static str> {
    if venue.kind == "Research Group" {
        Some("")
    } else {
        Some(venue.area).filter(|a| !a.is_empty())
    }
}

/// Switch the workgroup, the venue (note or `venue:` block) and, for a research group, the
/// stream, from the individual draft's target group to the adopting one.
pub(super) fn switch_group(
    text: &str,
    kind: SourceKind,
    venue: &Venue,
    old: Option<&str>,
    notes: &mut Vec<String>,
) -> String {
    match kind {
        SourceKind::Xml => switch_xml(text, venue, old, notes),
        SourceKind::Kramdown => switch_kramdown(text, venue),
        SourceKind::Mmark => {
            let mut out = edit::set_mmark_key(
                text,
                "workgroup",
                &format!("workgroup = {}", yaml_scalar(&venue.workgroup)),
            );
            // The title block's own `stream = "IETF"` line, never the same words in the text.
            let ietf_stream = edit::mmark_block_line(&out, "stream").filter(|&(s, e)| {
                out[s..e]
                    .split_once('=')
                    .is_some_and(|(_, v)| v.trim() == "\"IETF\"")
            });
            if let (Some((s, e)), "Research Group") = (ietf_stream, venue.kind) {
                out = format!("{}stream = \"IRTF\"{}", &out[..s], &out[e..]);
            }
            let line = edit::mmark_line(&out, "area");
            switch_line(&out, line, area_switch(venue), |a| {
                format!("area = {}", yaml_scalar(a))
            })
        }
        SourceKind::Text => text.to_owned(),
    }
}

/// The skeleton's Introduction says where the work is discussed ("for discussion in the
/// DISPATCH Working Group"); after adoption it is the adopting group. Only that sentence, as
/// `init` wrote it, changes (the words may be wrapped across lines).
pub(super) fn switch_discussion(text: &str, old: &str, venue: &Venue) -> String {
    const LEAD: &str = "for discussion in the";
    let old_label = old.to_ascii_uppercase();
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(LEAD) {
        let after = &rest[at + LEAD.len()..];
        let gap = after.len() - after.trim_start().len();
        let tail = &after[gap..];
        let label = ["Working Group", "Research Group"].iter().find_map(|k| {
            tail.strip_prefix(&format!("{old_label} {k}"))
                .map(|r| (k, r))
        });
        out.push_str(&rest[..at + LEAD.len() + gap]);
        match label {
            Some((_, r)) if gap > 0 => {
                out.push_str(&venue.acronym.to_ascii_uppercase());
                out.push(' ');
                out.push_str(venue.kind);
                rest = r;
            }
            _ => rest = tail,
        }
    }
    out.push_str(rest);
    out
}

fn switch_xml(text: &str, venue: &Venue, old: Option<&str>, notes: &mut Vec<String>) -> String {
    let Some(front) = edit::xml_front(text) else {
        return text.to_owned();
    };
    let mut inner = text[front.clone()].to_owned();
    let workgroup = format!("<workgroup>{}</workgroup>", escape_xml(&venue.workgroup));
    if let Some(wg) = first_element(&inner, "workgroup") {
        inner.replace_range(wg, &workgroup);
    } else if let Some(at) = workgroup_slot(&inner) {
        inner.insert_str(at, &format!("{workgroup}\n    "));
    }
    if let Some(area) = first_element(&inner, "area") {
        match area_switch(venue) {
            Some("") => {
                // The element and the line's indentation before it, with its line break.
                let head = inner[..area.start].trim_end_matches([' ', '\t']);
                let start = head.strip_suffix('\n').unwrap_or(head).len();
                inner.replace_range(start..area.end, "");
            }
            Some(name) => {
                inner.replace_range(area, &format!("<area>{}</area>", escape_xml(name)));
            }
            None => {}
        }
    }
    let mut unchanged_note = false;
    // Back to front, so that each edit leaves the spans before it where they were.
    for note in source::xml::element_spans(inner.as_bytes(), b"note")
        .into_iter()
        .rev()
    {
        let written = &inner[note.clone()];
        let switched = old.map_or_else(|| written.to_owned(), |o| switch_note(written, o, venue));
        if switched == written {
            unchanged_note = true;
        } else {
            inner.replace_range(note, &switched);
        }
    }
    if unchanged_note {
        notes.push(format!(
            "warning: a `<note>` in the front matter does not name the old group's list; check that it points at `{}`",
            venue.list
        ));
    }
    let mut out = format!("{}{inner}{}", &text[..front.start], &text[front.end..]);
    let span = source::xml::root_attribute_span(out.as_bytes(), b"submissionType");
    if venue.kind == "Research Group" {
        if let Some(value) = span {
            out.replace_range(value, "IRTF");
        } else if let Some(at) = rfc_tag(&out) {
            // xml2rfc assumes the IETF stream when the attribute is missing.
            out.insert_str(at + "<rfc".len(), " submissionType=\"IRTF\"");
        }
    } else if let Some(value) = span.filter(|v| &out[v.clone()] != "IETF") {
        // A working group's draft is the IETF stream's (json-schema-org's use-cases draft said
        // `independent`, whose boilerplate differs); a missing attribute already means IETF.
        out.replace_range(value, "IETF");
    }
    out
}

/// The byte range of the first `<name>` element of `front` (outside comments).
fn first_element(front: &str, name: &str) -> Option<Range<usize>> {
    source::xml::element_spans(front.as_bytes(), name.as_bytes())
        .into_iter()
        .next()
}

/// Where the root `<rfc` start tag begins, outside comments.
fn rfc_tag(text: &str) -> Option<usize> {
    source::xml::root(text.as_bytes())
}

/// Where a missing `<workgroup>` goes in `<front>`, in schema order: after `<area>`, before
/// `<keyword>`, `<abstract>`, `<note>` or the end.
fn workgroup_slot(front: &str) -> Option<usize> {
    if let Some(end) = front.rfind("</area>") {
        let after = end + "</area>".len();
        let next = front[after..].find('<').map_or(after, |i| after + i);
        return Some(next);
    }
    ["<keyword", "<abstract", "<note", "<boilerplate", "</front>"]
        .iter()
        .find_map(|tag| front.find(tag))
}

/// Replace the line at `range` by `make(area)`, or remove it when the area is `""`; unchanged
/// for `None` or no line.
fn switch_line(
    text: &str,
    range: Option<(usize, usize)>,
    area: Option<&str>,
    make: impl Fn(&str) -> String,
) -> String {
    match (range, area) {
        (Some((s, e)), Some("")) => {
            let e = if text[e..].starts_with("\r\n") {
                e + 2
            } else if text[e..].starts_with('\n') {
                e + 1
            } else {
                e
            };
            format!("{}{}", &text[..s], &text[e..])
        }
        (Some((s, e)), Some(area)) => format!("{}{}{}", &text[..s], make(area), &text[e..]),
        _ => text.to_owned(),
    }
}

/// A venue note's text, moved from the old group's list to the new one.
fn switch_note(note: &str, old: &str, venue: &Venue) -> String {
    let mut s = note.to_owned();
    for domain in ["ietf.org", "irtf.org"] {
        s = edit::replace_name(&s, &format!("{old}@{domain}"), &venue.list);
    }
    s = s.replace(
        &format!("arch/browse/{old}/"),
        &format!("arch/browse/{}/", venue.acronym),
    );
    s = s.replace(
        &format!("arch/browse/{old}\""),
        &format!("arch/browse/{}/\"", venue.acronym),
    );
    s = edit::replace_name(
        &s,
        &old.to_ascii_uppercase(),
        &venue.acronym.to_ascii_uppercase(),
    );
    s = edit::replace_name(&s, old, &venue.acronym);
    if venue.kind == "Research Group" {
        s = s.replace("Working Group", "Research Group");
    }
    s
}

fn switch_kramdown(text: &str, venue: &Venue) -> String {
    let line = format!("workgroup: {}", yaml_scalar(&venue.workgroup));
    let mut out = if edit::front_matter_value(text, "wg").is_some()
        && edit::front_matter_value(text, "workgroup").is_none()
    {
        edit::set_front_matter_key(text, "wg", &line, "docname")
    } else {
        edit::set_front_matter_key(text, "workgroup", &line, "docname")
    };
    if venue.kind == "Research Group" {
        out = edit::set_front_matter_key(&out, "submissiontype", "submissiontype: IRTF", "docname");
    } else if edit::front_matter_value(&out, "submissiontype").is_some_and(|v| v != "IETF") {
        out = edit::set_front_matter_key(&out, "submissiontype", "submissiontype: IETF", "docname");
    }
    let area_line = edit::front_matter_line(&out, "area");
    out = switch_line(&out, area_line, area_switch(venue), |a| {
        format!("area: {}", yaml_scalar(a))
    });
    // The `venue:` block: indented keys under a top-level `venue:` line.
    let values = [
        ("group", venue.acronym.to_ascii_uppercase()),
        ("type", venue.kind.to_owned()),
        ("mail", venue.list.clone()),
        ("arch", venue.archive.clone()),
    ];
    let mut result = String::with_capacity(out.len());
    let mut in_venue = false;
    for raw in out.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        let ending = &raw[line.len()..];
        if in_venue && !line.starts_with([' ', '\t']) && !line.trim().is_empty() {
            in_venue = false;
        }
        if line.starts_with("venue:") {
            in_venue = true;
        } else if in_venue {
            let indent = &line[..line.len() - line.trim_start().len()];
            let key = line.trim_start().split(':').next().unwrap_or("");
            if let Some((k, v)) = values.iter().find(|(k, _)| *k == key) {
                let _ = write!(result, "{indent}{k}: {}{ending}", yaml_scalar(v));
                continue;
            }
        }
        result.push_str(raw);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` moved to `group` from no group the note names.
    fn moved(text: &str, kind: SourceKind, group: &str, irtf: bool) -> String {
        switch_group(
            text,
            kind,
            &Venue::of(group, Some(irtf)),
            None,
            &mut Vec::new(),
        )
    }

    #[test]
    fn switches_an_xml_note_and_workgroup() {
        let venue = Venue::of("sipcore", Some(false));
        let xml = "<rfc submissionType=\"IETF\"><front><workgroup>DISPATCH</workgroup><note title=\"Discussion Venues\" removeInRFC=\"true\"><t>Discuss on the DISPATCH Working Group list (dispatch@ietf.org), <eref target=\"https://mailarchive.ietf.org/arch/browse/dispatch/\"/>.</t></note></front></rfc>";
        let mut notes = Vec::new();
        let out = switch_group(xml, SourceKind::Xml, &venue, Some("dispatch"), &mut notes);
        assert!(out.contains("<workgroup>SIPCORE Working Group</workgroup>"));
        assert!(out.contains("SIPCORE Working Group list (sipcore@ietf.org)"));
        assert!(out.contains("arch/browse/sipcore/"));
        assert!(!out.to_lowercase().contains("dispatch"), "{out}");
        assert!(notes.is_empty());
        let irtf = switch_group(
            xml,
            SourceKind::Xml,
            &Venue::of("cfrg", Some(true)),
            Some("dispatch"),
            &mut notes,
        );
        assert!(irtf.contains("submissionType=\"IRTF\""));
        // Into a working group, another stream's attribute becomes the IETF's (json-schema-org's
        // use-cases draft said `independent`); kramdown-rfc's `submissiontype:` likewise.
        let independent = xml.replace("submissionType=\"IETF\"", "submissionType=\"independent\"");
        let out = switch_group(
            &independent,
            SourceKind::Xml,
            &venue,
            Some("dispatch"),
            &mut notes,
        );
        assert!(out.starts_with("<rfc submissionType=\"IETF\">"), "{out}");
        let md = "---\ntitle: T\ndocname: draft-a-dispatch-b-00\nsubmissiontype: independent\nworkgroup: DISPATCH\n---\n";
        let out = switch_group(
            md,
            SourceKind::Kramdown,
            &venue,
            Some("dispatch"),
            &mut notes,
        );
        assert!(
            out.contains("\nsubmissiontype: IETF\n") && !out.contains("independent"),
            "{out}"
        );
        assert!(irtf.contains("CFRG Research Group list (cfrg@irtf.org)"));
    }

    #[test]
    fn adds_a_missing_workgroup_in_schema_order() {
        let venue = Venue::of("sipcore", Some(false));
        let mut notes = Vec::new();
        let xml = "<rfc><front><date/>\n    <area>ART</area>\n    <keyword>k</keyword><abstract/></front></rfc>";
        let out = switch_group(xml, SourceKind::Xml, &venue, None, &mut notes);
        assert!(out.contains("<area>Applications and Real-Time</area>\n    <workgroup>SIPCORE Working Group</workgroup>\n    <keyword>"), "{out}");
        let xml = "<rfc><front><date/><keyword>k</keyword></front></rfc>";
        let out = switch_group(xml, SourceKind::Xml, &venue, None, &mut notes);
        assert!(
            out.contains("<workgroup>SIPCORE Working Group</workgroup>\n    <keyword>"),
            "{out}"
        );
    }

    #[test]
    fn sets_the_irtf_stream_even_when_the_attribute_is_missing() {
        let xml = "<!-- <rfc x> -->\n<rfc docName=\"d\"><front></front></rfc>";
        let out = moved(xml, SourceKind::Xml, "cfrg", true);
        assert_eq!(
            out,
            "<!-- <rfc x> -->\n<rfc submissionType=\"IRTF\" docName=\"d\"><front><workgroup>CFRG Research Group</workgroup>\n    </front></rfc>"
        );
    }

    #[test]
    fn edits_elements_not_comments() {
        let xml = "<!-- submissionType=\"IETF\" -->\n<rfc submissionType=\"IETF\"><front>\n    <!-- <workgroup>old</workgroup> <area>Old</area> -->\n    <area>General</area>\n    <workgroup>X</workgroup></front></rfc>";
        let out = moved(xml, SourceKind::Xml, "cfrg", true);
        assert_eq!(
            out,
            "<!-- submissionType=\"IETF\" -->\n<rfc submissionType=\"IRTF\"><front>\n    <!-- <workgroup>old</workgroup> <area>Old</area> -->\n    <workgroup>CFRG Research Group</workgroup></front></rfc>"
        );
    }

    #[test]
    fn switches_or_drops_the_area() {
        let xml = "<rfc><front><date/>\n    <area>General</area>\n    <workgroup>X</workgroup></front></rfc>";
        let sec = moved(xml, SourceKind::Xml, "tls", false);
        assert!(sec.contains("<area>Security</area>"), "{sec}");
        let rg = moved(xml, SourceKind::Xml, "cfrg", true);
        assert_eq!(
            rg,
            "<rfc submissionType=\"IRTF\"><front><date/>\n    <workgroup>CFRG Research Group</workgroup></front></rfc>"
        );
        let unknown = moved(xml, SourceKind::Xml, "zzzz", false);
        assert!(unknown.contains("<area>General</area>"));
        let md = "---\ndocname: draft-a-b-00\narea: General\nworkgroup: X\n---\n";
        let md_sec = moved(md, SourceKind::Kramdown, "tls", false);
        assert!(md_sec.contains("\narea: \"Security\"\n"), "{md_sec}");
        let md_rg = moved(md, SourceKind::Kramdown, "cfrg", true);
        assert!(!md_rg.contains("area:"), "{md_rg}");
        let mm = "%%%\ntitle = \"T\"\narea = \"General\"\n[seriesInfo]\n%%%\n";
        let mmark_rg = moved(mm, SourceKind::Mmark, "cfrg", true);
        assert!(!mmark_rg.contains("area"), "{mmark_rg}");
    }

    #[test]
    fn switches_a_kramdown_venue_block() {
        let md = "---\ntitle: T\ndocname: draft-doe-dispatch-x-00\nworkgroup: DISPATCH\nvenue:\n  group: DISPATCH\n  type: Working Group\n  mail: dispatch@ietf.org\n  arch: https://mailarchive.ietf.org/arch/browse/dispatch/\n  github: doe/x\nauthor:\n -\n    fullname: Jane\n---\n";
        let mut notes = Vec::new();
        let out = switch_group(
            md,
            SourceKind::Kramdown,
            &Venue::of("sipcore", Some(false)),
            Some("dispatch"),
            &mut notes,
        );
        assert_eq!(
            out,
            "---\ntitle: T\ndocname: draft-doe-dispatch-x-00\nworkgroup: \"SIPCORE Working Group\"\nvenue:\n  group: \"SIPCORE\"\n  type: \"Working Group\"\n  mail: \"sipcore@ietf.org\"\n  arch: \"https://mailarchive.ietf.org/arch/browse/sipcore/\"\n  github: doe/x\nauthor:\n -\n    fullname: Jane\n---\n"
        );
    }
}
