//! Hostile input, as properties: every validator, every code parser, the ADKAR score and
//! barrier point, and name matching, on arbitrary input. Nothing panics; what is
//! accepted follows the rule; what is refused names its field.

use chrono::{Datelike, NaiveDate};
use ladder::change::{barrier_point, Element, Profile, Score};
use ladder::people::{self, NewPerson};
use ladder::{validate, Db};
use proptest::prelude::*;
use proptest::sample::Index;

/// Text that looks like a date, or nearly: where a loose parser would slip.
fn date_like() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9+ -]{8,12}",
        "[0-9]{4}-[0-9]{1,2}-[0-9 ]{1,2}",
        " ?[0-9]{4}-[01][0-9]-[0-3][0-9] ?",
        any::<String>(),
    ]
}

proptest! {
    #[test]
    fn dates_are_real_calendar_days_written_yyyy_mm_dd(s in date_like()) {
        match validate::date("target_date", &s) {
            Ok(d) => {
                prop_assert_eq!(d.format("%Y-%m-%d").to_string(), s.trim());
                prop_assert!(validate::YEARS.contains(&d.year()));
            }
            Err(e) => {
                prop_assert_eq!(e.field(), Some("target_date"));
                let m = e.to_string();
                prop_assert!(
                    m.contains("is not a date (YYYY-MM-DD)")
                        || m.contains("is outside the years 1900–2100")
                        || (s.trim().is_empty() && m == "target date is required (YYYY-MM-DD)"),
                    "{}", m
                );
            }
        }
    }

    #[test]
    fn every_date_in_the_years_kept_reads_back_as_itself_and_no_other_is_taken(days in 0i32..3_000_000) {
        let d = NaiveDate::from_ymd_opt(1000, 1, 1).unwrap() + chrono::Duration::days(days.into());
        prop_assume!(d.year() <= 9999);
        let written = d.format("%Y-%m-%d").to_string();
        if validate::YEARS.contains(&d.year()) {
            prop_assert_eq!(validate::date("on", &written).unwrap(), d);
            prop_assert_eq!(validate::optional_date("on", Some(&written)).unwrap(), Some(d));
        } else {
            let refused = validate::date("on", &written).unwrap_err();
            prop_assert_eq!(refused.field(), Some("on"));
        }
    }

    #[test]
    fn blank_optional_dates_are_no_date(spaces in " {0,5}") {
        prop_assert_eq!(validate::optional_date("on", Some(&spaces)).unwrap(), None);
        prop_assert_eq!(validate::optional_date("on", None).unwrap(), None);
    }

    #[test]
    fn texts_are_trimmed_bounded_and_required_when_asked(s in any::<String>()) {
        let trimmed = s.trim();
        let fits = trimmed.chars().count() <= validate::MAX_TEXT_CHARS;
        match validate::required_text("outcome", &s) {
            Ok(v) => prop_assert!(v == trimmed && !v.is_empty() && fits),
            Err(e) => {
                prop_assert!(trimmed.is_empty() || !fits);
                prop_assert_eq!(e.field(), Some("outcome"));
            }
        }
        match validate::optional_text("team", Some(&s)) {
            Ok(v) => prop_assert_eq!(v.as_deref(), (!trimmed.is_empty()).then_some(trimmed)),
            Err(e) => prop_assert!(!fits && e.field() == Some("team")),
        }
        match validate::free_text("notes", &s) {
            Ok(v) => prop_assert_eq!(v, trimmed),
            Err(e) => prop_assert!(!fits && e.field() == Some("notes")),
        }
    }

    #[test]
    fn whole_numbers_read_back_and_nothing_else_passes(n in any::<i64>(), s in any::<String>()) {
        prop_assert_eq!(validate::integer("position", &format!(" {n} ")).unwrap(), n);
        match validate::integer("position", &s) {
            Ok(v) => prop_assert_eq!(Ok(v), s.trim().parse::<i64>()),
            Err(e) => prop_assert_eq!(e.field(), Some("position")),
        }
    }

    #[test]
    fn numbers_read_back(x in any::<f64>(), s in any::<String>()) {
        prop_assume!(x.is_finite());
        prop_assert_eq!(validate::number("score", &x.to_string()).unwrap(), x);
        if let Err(e) = validate::number("score", &s) {
            prop_assert_eq!(e.field(), Some("score"));
        }
    }

    #[test]
    fn yes_and_no_are_the_only_answers(s in prop_oneof!["(?i)(yes|no|y|n|true|false)", any::<String>()]) {
        let expected = match s.trim().to_ascii_lowercase().as_str() {
            "yes" | "y" | "true" => Some(true),
            "no" | "n" | "false" => Some(false),
            _ => None,
        };
        prop_assert_eq!(validate::yes_no("training_required", &s).ok(), expected);
    }

    #[test]
    fn ranges_are_inclusive(v in any::<i64>(), a in any::<i64>(), b in any::<i64>()) {
        let (low, high) = (a.min(b), a.max(b));
        let inside = low <= v && v <= high;
        prop_assert_eq!(validate::in_range("score", v, low, high).is_ok(), inside);
    }

    #[test]
    fn emails_have_one_at_and_a_dotted_domain(s in prop_oneof!["[a-z. @]{0,12}", any::<String>()]) {
        if let Ok(Some(v)) = validate::optional_email(Some(&s)) {
            let parts: Vec<&str> = v.split('@').collect();
            prop_assert!(parts.len() == 2 && !parts[0].is_empty() && parts[1].contains('.'));
            prop_assert!(!v.contains(' '));
        }
    }

    #[test]
    fn labels_read_as_words(field in "[a-z_]{0,20}") {
        prop_assert!(!validate::label(&field).contains('_'));
    }
}

#[test]
fn the_text_limit_is_exact() {
    let at = "x".repeat(validate::MAX_TEXT_CHARS);
    assert!(validate::required_text("notes", &at).is_ok());
    let over = "é".repeat(validate::MAX_TEXT_CHARS + 1);
    let err = validate::free_text("notes", &over).unwrap_err();
    assert_eq!(
        err.to_string(),
        "notes: 20001 characters, over the limit of 20000"
    );
}

/// For each code set: arbitrary text parses to the code it spells or is refused with the
/// field named and the codes listed; every code parses back in any case, with dashes for
/// underscores and spaces around.
macro_rules! code_parsers {
    ($($name:ident: $t:ty),+ $(,)?) => {
        proptest! {
            $(
                #[test]
                fn $name(s in any::<String>(), pick in any::<Index>(), upper in any::<bool>()) {
                    match <$t>::parse(&s) {
                        Ok(v) => prop_assert_eq!(
                            v.as_str(),
                            s.trim().to_ascii_lowercase().replace('-', "_")
                        ),
                        Err(e) => {
                            prop_assert_eq!(e.code(), "invalid_input");
                            prop_assert!(e.field().is_some());
                            prop_assert!(e.to_string().contains(<$t>::CODES.join(", ").as_str()));
                        }
                    }
                    let v = <$t>::ALL[pick.index(<$t>::ALL.len())];
                    let mut typed = v.as_str().replace('_', "-");
                    if upper {
                        typed = typed.to_uppercase();
                    }
                    prop_assert_eq!(<$t>::parse(&format!("  {typed} ")).unwrap(), v);
                }
            )+
        }
    };
}

code_parsers! {
    finding_codes: ladder::checks::FindingCode,
    levels: ladder::competencies::Level,
    raters: ladder::competencies::Rater,
    roles: ladder::profile::Role,
    phases: ladder::plans::Phase,
    goal_statuses: ladder::plans::GoalStatus,
    resource_kinds: ladder::plans::ResourceKind,
    meeting_statuses: ladder::meetings::MeetingStatus,
    sections: ladder::meetings::Section,
    action_item_statuses: ladder::meetings::ActionStatus,
    action_owners: ladder::meetings::ActionOwner,
    availabilities: ladder::promotion::Availability,
    role_paths: ladder::promotion::RolePath,
    skill_statuses: ladder::promotion::SkillStatus,
    flags: ladder::promotion::Flag,
    relations: ladder::promotion::Relation,
    influences: ladder::promotion::Influence,
    advocacy_kinds: ladder::promotion::AdvocacyKind,
    requirement_statuses: ladder::promotion::Status,
    requirements: ladder::promotion::Requirement,
    verdicts: ladder::promotion::Verdict,
    stakeholder_kinds: ladder::change::StakeholderKind,
    impacts: ladder::change::Impact,
    effects: ladder::change::Effect,
    org_awareness: ladder::change::OrgAwareness,
    change_statuses: ladder::change::ChangeStatus,
    raci_roles: ladder::change::RaciRole,
    elements: ladder::change::Element,
    change_action_statuses: ladder::change::ActionStatus,
    audit_record_kinds: ladder::audit::RecordKind,
    audit_actions: ladder::audit::Action,
}

proptest! {
    #[test]
    fn workbook_names_parse_or_are_refused(s in any::<String>()) {
        if let Err(e) = ladder::export::Kind::parse(&s) {
            prop_assert_eq!(e.field(), Some("workbook"));
        }
    }

    #[test]
    fn adkar_scores_take_one_decimal_within_one_to_five(x in prop_oneof![
        any::<f64>(),
        0.0f64..6.0,
        (0i64..=600).prop_map(|h| h as f64 / 100.0),
    ]) {
        match Score::new("desire_score", x) {
            Ok(s) => {
                prop_assert!(x.is_finite() && (1.0..=5.0).contains(&x));
                prop_assert!((10..=50).contains(&s.tenths()));
                prop_assert!((s.value() - x).abs() < 1e-6);
            }
            Err(e) => {
                prop_assert_eq!(e.field(), Some("desire_score"));
                let tenths = x * 10.0;
                prop_assert!(
                    !x.is_finite() || !(1.0..=5.0).contains(&x) || (tenths - tenths.round()).abs() > 1e-6
                );
            }
        }
    }

    #[test]
    fn every_tenth_is_a_score_and_a_second_decimal_never_is(t in 10i64..=50, h in 1i64..10) {
        prop_assert_eq!(Score::new("ability_score", t as f64 / 10.0).unwrap().tenths(), t);
        let two_decimals = (t * 10 + h) as f64 / 100.0;
        prop_assume!(two_decimals <= 5.0);
        let err = Score::new("ability_score", two_decimals).unwrap_err();
        prop_assert!(err.to_string().contains("more than one decimal"), "{}", err);
    }

    #[test]
    fn the_barrier_is_awareness_whenever_awareness_is_three_or_lower(
        a in 10i64..=30,
        rest in prop::array::uniform4(10i64..=50),
    ) {
        let s = |t| Score::from_tenths(t).unwrap();
        let p = Profile::from_scores([s(a), s(rest[0]), s(rest[1]), s(rest[2]), s(rest[3])]);
        prop_assert_eq!(barrier_point(&p), Some(Element::Awareness));
    }

    #[test]
    fn the_barrier_is_the_first_element_three_or_lower(tenths in prop::array::uniform5(10i64..=50)) {
        let p = Profile::from_scores(tenths.map(|t| Score::from_tenths(t).unwrap()));
        let first = tenths.iter().position(|&t| t <= 30).map(|i| Element::ALL[i]);
        prop_assert_eq!(barrier_point(&p), first);
        prop_assert_eq!(p.barrier(), first);
    }

    #[test]
    fn five_scores_are_checked_and_the_first_bad_one_is_named(values in prop::array::uniform5(0.0f64..6.0)) {
        match Profile::from_values(values) {
            Ok(p) => prop_assert!(p.scores().iter().zip(values).all(|(s, v)| (s.value() - v).abs() < 1e-6)),
            Err(e) => {
                let first_bad = values
                    .iter()
                    .position(|&v| Score::new("x", v).is_err())
                    .map(|i| Element::ALL[i].score_field());
                prop_assert_eq!(e.field(), first_bad);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Name matching never panics, whatever the names and whatever is typed; a full name
    /// finds its person (or says it is ambiguous when two share it).
    #[test]
    fn people_are_found_by_name_or_refused_clearly(
        names in prop::collection::vec("z[^\u{0}]{0,12}", 1..5),
        key in any::<String>(),
        pick in any::<Index>(),
    ) {
        let db = Db::open_in_memory().unwrap();
        let mut added = Vec::new();
        for name in &names {
            if let Ok(p) = people::add(&db, NewPerson { name: name.clone(), ..Default::default() }) {
                added.push(p);
            }
        }
        prop_assume!(!added.is_empty());
        match people::resolve(&db, &key) {
            Ok(p) => prop_assert!(added.iter().any(|a| a.id == p.id)),
            Err(e) => prop_assert!(
                matches!(e.code(), "not_found" | "ambiguous" | "invalid_input"),
                "{}", e
            ),
        }
        let wanted = &added[pick.index(added.len())];
        match people::resolve(&db, &wanted.name) {
            Ok(p) => prop_assert_eq!(p.name.to_lowercase(), wanted.name.to_lowercase()),
            Err(e) => prop_assert_eq!(e.code(), "ambiguous"),
        }
    }
}
