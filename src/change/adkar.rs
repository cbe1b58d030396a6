//! The ADKAR model itself, with no storage: the five elements in order, a score on the
//! 1–5 scale, the five scores of one assessment, and the barrier point. Everything that
//! needs a barrier (the rollup, the checks, the individual view, meeting agendas) calls
//! [`barrier_point`], so the rule exists once.

use serde::{Serialize, Serializer};

use crate::codes::code_enum;
use crate::{validate, Error, Result};

code_enum!(
    /// The five elements of individual change, in the order a person goes through them.
    Element, "element", {
        Awareness = "awareness",
        Desire = "desire",
        Knowledge = "knowledge",
        Ability = "ability",
        Reinforcement = "reinforcement",
    }
);

impl Element {
    /// The element's place in A-D-K-A-R order, from 0.
    pub fn index(self) -> usize {
        match self {
            Element::Awareness => 0,
            Element::Desire => 1,
            Element::Knowledge => 2,
            Element::Ability => 3,
            Element::Reinforcement => 4,
        }
    }

    /// The letter of the element in "ADKAR".
    pub fn letter(self) -> char {
        match self {
            Element::Awareness | Element::Ability => 'A',
            Element::Desire => 'D',
            Element::Knowledge => 'K',
            Element::Reinforcement => 'R',
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Element::Awareness => "Awareness",
            Element::Desire => "Desire",
            Element::Knowledge => "Knowledge",
            Element::Ability => "Ability",
            Element::Reinforcement => "Reinforcement",
        }
    }

    /// The input field of this element's score, so an error lands beside the right box.
    pub fn score_field(self) -> &'static str {
        match self {
            Element::Awareness => "awareness_score",
            Element::Desire => "desire_score",
            Element::Knowledge => "knowledge_score",
            Element::Ability => "ability_score",
            Element::Reinforcement => "reinforcement_score",
        }
    }
}

/// An ADKAR score from 1 to 5 with at most one decimal (groups are scored by averages).
///
/// A score with more decimals is **refused**, not rounded: a silently rounded 2.95 would
/// become 3.0 and move the barrier point without the assessor seeing it. Kept in tenths,
/// so comparisons with the barrier threshold are exact.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Score(u8);

impl Score {
    pub const MIN: Score = Score(10);
    pub const MAX: Score = Score(50);
    /// The highest score that is still a barrier: 3 or lower stops the change.
    pub const BARRIER_MAX: Score = Score(30);

    /// Checks a score given as a number; `field` names the element's input.
    pub fn new(field: &'static str, value: f64) -> Result<Score> {
        let label = validate::label(field);
        if !value.is_finite() {
            return Err(Error::invalid(
                field,
                format!("{label} {value} is not a number from 1 to 5"),
            ));
        }
        if !(1.0..=5.0).contains(&value) {
            return Err(Error::invalid(
                field,
                format!("{label} {value} is outside 1–5"),
            ));
        }
        let tenths = value * 10.0;
        // Tolerates the binary noise of a decimal typed in a form (3.1 * 10 is not
        // exactly 31), not a real second decimal.
        if (tenths - tenths.round()).abs() > 1e-6 {
            let (low, high) = (tenths.floor() / 10.0, tenths.ceil() / 10.0);
            return Err(Error::invalid(
                field,
                format!(
                    "{label} {value} has more than one decimal; ADKAR scores take one decimal at most ({low:.1} or {high:.1})"
                ),
            ));
        }
        Ok(Score(tenths.round() as u8))
    }

    /// A score from its stored tenths (10–50), `None` outside the scale.
    pub fn from_tenths(tenths: i64) -> Option<Score> {
        (10..=50).contains(&tenths).then_some(Score(tenths as u8))
    }

    pub fn tenths(self) -> i64 {
        i64::from(self.0)
    }

    pub fn value(self) -> f64 {
        f64::from(self.0) / 10.0
    }

    /// True when this score stops a person at its element: 3 or lower.
    pub fn is_barrier(self) -> bool {
        self <= Score::BARRIER_MAX
    }
}

/// `4` for whole scores, `3.5` otherwise.
impl std::fmt::Display for Score {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0.is_multiple_of(10) {
            write!(f, "{}", self.0 / 10)
        } else {
            write!(f, "{}.{}", self.0 / 10, self.0 % 10)
        }
    }
}

impl Serialize for Score {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_f64(self.value())
    }
}

impl rusqlite::types::FromSql for Score {
    fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        let t = v.as_i64()?;
        Score::from_tenths(t).ok_or(rusqlite::types::FromSqlError::OutOfRange(t))
    }
}

impl rusqlite::types::ToSql for Score {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.tenths().into())
    }
}

/// The five scores of one assessment, in A-D-K-A-R order.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Profile {
    pub awareness: Score,
    pub desire: Score,
    pub knowledge: Score,
    pub ability: Score,
    pub reinforcement: Score,
}

impl Profile {
    pub fn from_scores(s: [Score; 5]) -> Profile {
        Profile {
            awareness: s[0],
            desire: s[1],
            knowledge: s[2],
            ability: s[3],
            reinforcement: s[4],
        }
    }

    /// Checks five numbers given in A-D-K-A-R order; the first bad one names its element.
    pub fn from_values(values: [f64; 5]) -> Result<Profile> {
        let mut scores = [Score::MIN; 5];
        for (e, v) in Element::ALL.iter().zip(values) {
            scores[e.index()] = Score::new(e.score_field(), v)?;
        }
        Ok(Profile::from_scores(scores))
    }

    pub fn scores(&self) -> [Score; 5] {
        [
            self.awareness,
            self.desire,
            self.knowledge,
            self.ability,
            self.reinforcement,
        ]
    }

    pub fn get(&self, e: Element) -> Score {
        self.scores()[e.index()]
    }

    /// Shorthand for [`barrier_point`].
    pub fn barrier(&self) -> Option<Element> {
        barrier_point(self)
    }
}

/// The barrier point: the **first** element, in A-D-K-A-R order, scoring 3 or lower —
/// not the lowest one, because work on a later element is wasted until the earlier one
/// is cleared. `None` when every element is above 3.
pub fn barrier_point(profile: &Profile) -> Option<Element> {
    Element::ALL
        .iter()
        .copied()
        .find(|&e| profile.get(e).is_barrier())
}

/// The average profile of several assessments, each counting once, every element
/// rounded to the nearest tenth (halves up) so it is itself a score on the scale and the
/// barrier of the average is the barrier of what is shown. `None` for no assessments.
pub fn average(profiles: &[Profile]) -> Option<Profile> {
    if profiles.is_empty() {
        return None;
    }
    let n = profiles.len() as i64;
    let mut scores = [Score::MIN; 5];
    for e in Element::ALL {
        let sum: i64 = profiles.iter().map(|p| p.get(*e).tenths()).sum();
        // Integer division rounding halves up; the mean of 10–50 stays within 10–50.
        let mean = (2 * sum + n) / (2 * n);
        scores[e.index()] = Score::from_tenths(mean)?;
    }
    Some(Profile::from_scores(scores))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(values: [f64; 5]) -> Profile {
        Profile::from_values(values).unwrap()
    }

    #[test]
    fn the_barrier_is_the_first_element_at_or_below_three() {
        assert_eq!(
            barrier_point(&profile([4.0, 3.0, 1.0, 5.0, 5.0])),
            Some(Element::Desire),
            "Desire, not the lower Knowledge"
        );
        assert_eq!(
            barrier_point(&profile([3.0, 5.0, 5.0, 5.0, 5.0])),
            Some(Element::Awareness)
        );
        assert_eq!(barrier_point(&profile([3.1, 4.0, 4.0, 4.0, 4.0])), None);
        assert_eq!(
            barrier_point(&profile([5.0, 5.0, 5.0, 5.0, 2.0])),
            Some(Element::Reinforcement)
        );
    }

    /// A small deterministic generator (xorshift), so the property runs on many score
    /// vectors and fails the same way every time.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        /// A score, half the time near the threshold (2.8–3.2) where mistakes hide.
        fn score(&mut self) -> Score {
            let t = if self.next().is_multiple_of(2) {
                28 + self.next() % 5
            } else {
                10 + self.next() % 41
            };
            Score::from_tenths(t as i64).unwrap()
        }

        fn profile(&mut self) -> [Score; 5] {
            [
                self.score(),
                self.score(),
                self.score(),
                self.score(),
                self.score(),
            ]
        }
    }

    #[test]
    fn property_the_barrier_is_always_the_first_element_at_or_below_three() {
        let mut rng = Rng(0x5eed_adca_4b1d_2026);
        let mut seen = [0usize; 6];
        for _ in 0..20_000 {
            let scores = rng.profile();
            let p = Profile::from_scores(scores);
            match barrier_point(&p) {
                Some(b) => {
                    assert!(p.get(b).value() <= 3.0, "{p:?} → {b}");
                    for e in &Element::ALL[..b.index()] {
                        assert!(p.get(*e).value() > 3.0, "{p:?}: {e} comes first");
                    }
                    seen[b.index()] += 1;
                    // Whatever the scores after the barrier, it stays where it is.
                    let mut other = scores;
                    for s in other.iter_mut().skip(b.index() + 1) {
                        *s = rng.score();
                    }
                    assert_eq!(barrier_point(&Profile::from_scores(other)), Some(b));
                }
                None => {
                    assert!(scores.iter().all(|s| s.value() > 3.0), "{p:?}");
                    seen[5] += 1;
                }
            }
        }
        // The generator reached every outcome, so the property was really exercised.
        assert!(seen.iter().all(|&n| n > 0), "{seen:?}");
    }

    #[test]
    fn scores_take_one_decimal_within_one_to_five() {
        assert_eq!(Score::new("desire_score", 3.5).unwrap().tenths(), 35);
        assert_eq!(Score::new("desire_score", 3.1).unwrap().to_string(), "3.1");
        assert_eq!(Score::new("desire_score", 4.0).unwrap().to_string(), "4");
        let err = Score::new("knowledge_score", 3.25).unwrap_err();
        assert_eq!(err.field(), Some("knowledge_score"));
        assert_eq!(
            err.to_string(),
            "knowledge score 3.25 has more than one decimal; ADKAR scores take one decimal at most (3.2 or 3.3)"
        );
        for bad in [0.0, 0.9, 5.5, 6.0, -1.0] {
            let err = Score::new("awareness_score", bad).unwrap_err();
            assert!(err.to_string().contains("is outside 1–5"), "{err}");
        }
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let err = Score::new("ability_score", bad).unwrap_err();
            assert!(err.to_string().contains("is not a number"), "{err}");
        }
    }

    #[test]
    fn a_bad_score_names_its_element() {
        let err = Profile::from_values([4.0, 3.0, 9.0, 1.0, 1.0]).unwrap_err();
        assert_eq!(err.field(), Some("knowledge_score"));
    }

    #[test]
    fn the_average_is_on_the_scale_and_rounds_halves_up() {
        let a = profile([4.0, 3.0, 2.0, 1.0, 1.0]);
        let b = profile([5.0, 3.5, 2.5, 1.0, 1.1]);
        let avg = average(&[a, b]).unwrap();
        assert_eq!(
            avg.scores().map(Score::tenths),
            [45, 33, 23, 10, 11],
            "(30+35)/2 = 32.5 tenths rounds to 33"
        );
        assert_eq!(avg.barrier(), Some(Element::Knowledge));
        assert_eq!(average(&[]), None);
    }
}
