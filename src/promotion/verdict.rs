//! The suggested readiness verdict: a pure rule over the statuses of requirements 1, 2, 3
//! and 5. Role availability (requirement 4) decides the path, not the person's readiness,
//! so it takes no part in the rule.

use serde::Serialize;

use crate::codes::code_enum;

code_enum!(
    /// How far a requirement is met.
    Status, "status", { Met = "met", Partly = "partly", NotYet = "not_yet", Unknown = "unknown" }
);

code_enum!(
    /// The five requirements of a readiness assessment, in order.
    Requirement, "requirement", {
        Results = "results",
        Competencies = "competencies",
        Skills = "skills",
        Role = "role",
        Advocates = "advocates",
    }
);

code_enum!(
    /// A readiness verdict, in the industry's categories.
    Verdict, "verdict", {
        ReadyNow = "ready_now",
        Ready1To2Years = "ready_1_2_years",
        Ready3PlusYears = "ready_3_plus_years",
        NotAssessed = "not_assessed",
    }
);

impl Status {
    /// How far along a known status is (not yet < partly < met); `None` for unknown.
    pub fn rank(self) -> Option<u8> {
        match self {
            Status::NotYet => Some(0),
            Status::Partly => Some(1),
            Status::Met => Some(2),
            Status::Unknown => None,
        }
    }
}

impl Requirement {
    /// The requirement's number in DOMAIN §4 (1–5).
    pub fn number(self) -> usize {
        Requirement::ALL
            .iter()
            .position(|r| *r == self)
            .unwrap_or(0)
            + 1
    }

    pub fn title(self) -> &'static str {
        match self {
            Requirement::Results => "Results in the current role",
            Requirement::Competencies => "Competencies at the next level",
            Requirement::Skills => "Job-specific skills",
            Requirement::Role => "Role and scope available",
            Requirement::Advocates => "Advocates",
        }
    }
}

impl Verdict {
    pub fn title(self) -> &'static str {
        match self {
            Verdict::ReadyNow => "ready now",
            Verdict::Ready1To2Years => "ready in 1–2 years",
            Verdict::Ready3PlusYears => "ready in 3+ years",
            Verdict::NotAssessed => "not assessed",
        }
    }

    /// How close to promotion a verdict is (3+ years < 1–2 years < now); `None` for not
    /// assessed.
    pub fn rank(self) -> Option<u8> {
        match self {
            Verdict::Ready3PlusYears => Some(0),
            Verdict::Ready1To2Years => Some(1),
            Verdict::ReadyNow => Some(2),
            Verdict::NotAssessed => None,
        }
    }
}

/// The statuses the verdict is suggested from: every requirement but role availability.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Statuses {
    pub results: Status,
    pub competencies: Status,
    pub skills: Status,
    pub advocates: Status,
}

impl Statuses {
    /// The status of one requirement; `None` for role availability, which has none.
    pub fn of(&self, requirement: Requirement) -> Option<Status> {
        self.by_requirement()
            .into_iter()
            .find(|(r, _)| *r == requirement)
            .map(|(_, s)| s)
    }

    /// The four statuses with their requirement, in requirement order.
    pub fn by_requirement(&self) -> [(Requirement, Status); 4] {
        [
            (Requirement::Results, self.results),
            (Requirement::Competencies, self.competencies),
            (Requirement::Skills, self.skills),
            (Requirement::Advocates, self.advocates),
        ]
    }
}

/// The verdict Ladder suggests, with the requirements still unknown when it cannot.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub verdict: Verdict,
    /// For `not_assessed`: the requirements whose status is unknown, in order.
    pub missing: Vec<Requirement>,
}

/// The rule of the issue, in this order: any unknown → not assessed (naming what is
/// missing); results or competencies not yet → ready in 3+ years; all four met → ready
/// now; otherwise → ready in 1–2 years.
pub fn suggest(s: &Statuses) -> Suggestion {
    let missing: Vec<Requirement> = s
        .by_requirement()
        .into_iter()
        .filter(|(_, status)| *status == Status::Unknown)
        .map(|(r, _)| r)
        .collect();
    let verdict = if !missing.is_empty() {
        Verdict::NotAssessed
    } else if s.results == Status::NotYet || s.competencies == Status::NotYet {
        Verdict::Ready3PlusYears
    } else if s.by_requirement().iter().all(|(_, st)| *st == Status::Met) {
        Verdict::ReadyNow
    } else {
        Verdict::Ready1To2Years
    };
    Suggestion { verdict, missing }
}

/// Where a requirement stands worst, for the team view: a known shortfall (not yet, then
/// partly) comes before an unknown, because it is where the work is; `None` when all four
/// are met. Ties go to the earlier requirement.
pub fn weakest(s: &Statuses) -> Option<(Requirement, Status)> {
    let weight = |st: Status| match st {
        Status::NotYet => 0,
        Status::Partly => 1,
        Status::Unknown => 2,
        Status::Met => 3,
    };
    s.by_requirement()
        .into_iter()
        .filter(|(_, st)| *st != Status::Met)
        .min_by_key(|(_, st)| weight(*st))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::{Met as M, NotYet as N, Partly as P, Unknown as U};
    use Verdict::*;

    fn st(results: Status, competencies: Status, skills: Status, advocates: Status) -> Statuses {
        Statuses {
            results,
            competencies,
            skills,
            advocates,
        }
    }

    #[test]
    fn the_rule_over_a_table_of_status_combinations() {
        use Requirement::{Advocates as A, Competencies as C, Results as R, Skills as S};
        #[rustfmt::skip]
        let table: &[(Statuses, Verdict, &[Requirement])] = &[
            // Any unknown: not assessed, naming every unknown one, whatever the others say.
            (st(U, M, M, M), NotAssessed, &[R]),
            (st(M, U, M, M), NotAssessed, &[C]),
            (st(M, M, U, M), NotAssessed, &[S]),
            (st(M, M, M, U), NotAssessed, &[A]),
            (st(N, U, N, U), NotAssessed, &[C, A]),
            (st(U, U, U, U), NotAssessed, &[R, C, S, A]),
            // Results or competencies not yet: 3+ years, even with the rest met.
            (st(N, M, M, M), Ready3PlusYears, &[]),
            (st(M, N, M, M), Ready3PlusYears, &[]),
            (st(N, N, N, N), Ready3PlusYears, &[]),
            (st(P, N, P, P), Ready3PlusYears, &[]),
            // All four met: ready now.
            (st(M, M, M, M), ReadyNow, &[]),
            // Otherwise: 1–2 years, including skills or advocates not yet.
            (st(P, M, M, M), Ready1To2Years, &[]),
            (st(M, P, M, M), Ready1To2Years, &[]),
            (st(M, M, N, M), Ready1To2Years, &[]),
            (st(M, M, M, N), Ready1To2Years, &[]),
            (st(M, M, N, N), Ready1To2Years, &[]),
            (st(P, P, P, P), Ready1To2Years, &[]),
        ];
        for (statuses, verdict, missing) in table {
            let got = suggest(statuses);
            assert_eq!(got.verdict, *verdict, "{statuses:?}");
            assert_eq!(got.missing, *missing, "{statuses:?}");
        }
    }

    #[test]
    fn every_combination_follows_the_order_of_the_rule() {
        for &r in Status::ALL {
            for &c in Status::ALL {
                for &s in Status::ALL {
                    for &a in Status::ALL {
                        let all = [r, c, s, a];
                        let got = suggest(&st(r, c, s, a));
                        let any_unknown = all.contains(&U);
                        assert_eq!(got.verdict == NotAssessed, any_unknown, "{all:?}");
                        assert_eq!(got.missing.len(), all.iter().filter(|x| **x == U).count());
                        if !any_unknown && (r == N || c == N) {
                            assert_eq!(got.verdict, Ready3PlusYears, "{all:?}");
                        }
                        assert_eq!(got.verdict == ReadyNow, all == [M; 4], "{all:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn the_weakest_requirement_is_the_worst_known_one() {
        assert_eq!(weakest(&st(M, M, M, M)), None);
        assert_eq!(
            weakest(&st(P, U, N, P)),
            Some((Requirement::Skills, Status::NotYet))
        );
        assert_eq!(
            weakest(&st(M, P, U, P)),
            Some((Requirement::Competencies, Status::Partly))
        );
        assert_eq!(
            weakest(&st(M, U, M, U)),
            Some((Requirement::Competencies, Status::Unknown))
        );
    }

    #[test]
    fn requirements_are_numbered_as_in_the_domain() {
        let s = st(M, P, N, U);
        assert_eq!(s.of(Requirement::Skills), Some(N));
        assert_eq!(s.of(Requirement::Role), None);
        assert_eq!(Requirement::Results.number(), 1);
        assert_eq!(Requirement::Role.number(), 4);
        assert_eq!(Requirement::Advocates.number(), 5);
    }
}
