//! A volunteer-capacity rule as a *family of rows*: every use of a volunteer v in a slot s
//! falls in one row of the family, adds to it what one task uses (its hours, or 1 for a
//! count), and each row's total stays within the row's cap.
//!
//! A family is plain data: the group of each slot (row = v × groups + group of s; one group
//! for a rule over the whole month), a cap per volunteer or per group, and the kind of amount.
//! So [`super::Capacity`] runs every rule through the same few array reads in its hot loops,
//! with no call through a trait object per pair, and an integer program or a Lagrangian
//! relaxation can read the same rows ([`Family::rows`], [`Family::use_of`]) instead of
//! keeping a model of the rule of its own.

use super::SLACK;
use std::sync::Arc;

/// What one task uses of its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Amount {
    /// The task's hours h(d, v).
    Hours,
    /// One, whatever its hours: the row counts tasks (and its cap has no tolerance).
    Tasks,
}

/// How a rule names itself, for reasons, reports and the docs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleName {
    /// Its number in MODEL.md's list of feasibility rules: `"4"`, `"4b"`, `"5"`.
    pub number: &'static str,
    /// The instance field that sets its caps: `"max_tasks_per_slot"`.
    pub field: &'static str,
    /// How a reason counts the candidates it blocks: `"at max_tasks_per_slot"` (in "2 at
    /// max_tasks_per_slot").
    pub shortage: &'static str,
}

/// One rule's rows, compiled from an instance.
#[derive(Debug, Clone)]
pub struct Family {
    name: RuleName,
    amount: Amount,
    /// Group of each slot; all 0 when the family has one row per volunteer.
    pub(super) group_of_slot: Arc<[u32]>,
    /// Groups per volunteer: row (v, g) is v × groups + g.
    pub(super) groups: usize,
    volunteers: usize,
    /// The cap of row (v, g) is `caps[v × strides.0 + g × strides.1]`: (1, 0) for a cap per
    /// volunteer, (0, 1) for a cap per group.
    pub(super) strides: (usize, usize),
    pub(super) caps: Arc<[f64]>,
    /// Each cap with the solvers' [`SLACK`] for hours (none for counts), so that a hot loop's
    /// test is one comparison: `used + amount <= limit`.
    pub(super) limits: Arc<[f64]>,
}

/// A row of a family that can bind (its cap is finite).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FamilyRow {
    /// The row's index, below [`Family::row_count`].
    pub row: usize,
    /// The volunteer whose uses it sums.
    pub volunteer: usize,
    /// Its cap.
    pub cap: f64,
}

impl Family {
    /// A family of one row per volunteer over the whole month, volunteer v's row capped by
    /// `caps[v]` (`INFINITY`: unlimited).
    pub fn per_volunteer(name: RuleName, amount: Amount, slot_count: usize, caps: Vec<f64>) -> Self {
        let volunteers = caps.len();
        Self::new(name, amount, vec![0; slot_count], (1, volunteers), (1, 0), caps)
    }

    /// A family of one row per volunteer (of `volunteers`) and group of slots, slot s in group
    /// `group_of_slot[s]`, every volunteer's row of group g capped by `caps[g]`.
    ///
    /// # Panics
    /// When a slot's group has no cap.
    pub fn per_group(
        name: RuleName,
        amount: Amount,
        volunteers: usize,
        group_of_slot: Vec<u32>,
        caps: Vec<f64>,
    ) -> Self {
        assert!(group_of_slot.iter().all(|&g| (g as usize) < caps.len()), "every group of a slot has a cap");
        let groups = caps.len();
        Self::new(name, amount, group_of_slot, (groups, volunteers), (0, 1), caps)
    }

    /// A family of one row per volunteer and group of slots, slot s in group
    /// `group_of_slot[s]`, row (v, g) capped by `caps[v × groups + g]`.
    ///
    /// # Panics
    /// When `caps` does not hold one cap per row.
    pub fn per_row(name: RuleName, amount: Amount, group_of_slot: Vec<u32>, caps: Vec<f64>) -> Self {
        let groups = group_of_slot.iter().map(|&g| g as usize + 1).max().unwrap_or(1);
        assert_eq!(caps.len() % groups, 0, "one cap per volunteer and group");
        let volunteers = caps.len() / groups;
        Self::new(name, amount, group_of_slot, (groups, volunteers), (groups, 1), caps)
    }

    /// `(groups, volunteers)`: the rows' shape; `strides`: those of the caps.
    fn new(
        name: RuleName,
        amount: Amount,
        group_of_slot: Vec<u32>,
        (groups, volunteers): (usize, usize),
        strides: (usize, usize),
        caps: Vec<f64>,
    ) -> Self {
        let limits = caps
            .iter()
            .map(|&cap| match amount {
                Amount::Hours => cap + SLACK * cap.abs().max(1.0),
                Amount::Tasks => cap,
            })
            .collect();
        Family {
            name,
            amount,
            group_of_slot: group_of_slot.into(),
            groups,
            volunteers,
            strides,
            caps: caps.into(),
            limits,
        }
    }

    /// The rule's names.
    pub fn name(&self) -> RuleName {
        self.name
    }

    /// What one task uses of its row.
    pub fn amount(&self) -> Amount {
        self.amount
    }

    /// Groups of slots per volunteer: 1 for a rule over the whole month, whose row of a
    /// volunteer is the same in every slot.
    pub fn groups(&self) -> usize {
        self.groups
    }

    /// Number of rows (volunteers × groups): the length of an array of the rows' uses.
    pub fn row_count(&self) -> usize {
        self.volunteers * self.groups
    }

    /// The row and the amount of one task of `hours` hours of volunteer `v` in slot `s`: the
    /// coefficient of that assignment in the row's constraint Σ amount ≤ cap.
    pub fn use_of(&self, v: usize, s: usize, hours: f64) -> (usize, f64) {
        (self.row(v, s), self.amount_of(hours))
    }

    /// The cap of `row`.
    pub fn cap(&self, row: usize) -> f64 {
        self.caps[self.cap_index(row / self.groups, row % self.groups)]
    }

    /// Every row whose cap is finite (the others cannot bind), in row order.
    pub fn rows(&self) -> impl Iterator<Item = FamilyRow> + '_ {
        (0..self.volunteers).flat_map(move |v| {
            (0..self.groups).filter_map(move |g| {
                let cap = self.caps[self.cap_index(v, g)];
                cap.is_finite().then_some(FamilyRow { row: v * self.groups + g, volunteer: v, cap })
            })
        })
    }

    /// Whether some row can bind: a family whose caps are all unlimited is left out of the
    /// bookkeeping, since no use can break it.
    pub fn can_bind(&self) -> bool {
        self.caps.iter().any(|c| c.is_finite())
    }

    /// Row of volunteer `v` in slot `s`.
    fn row(&self, v: usize, s: usize) -> usize {
        v * self.groups + self.group_of_slot[s] as usize
    }

    /// What one task of `hours` uses of its row.
    fn amount_of(&self, hours: f64) -> f64 {
        match self.amount {
            Amount::Hours => hours,
            Amount::Tasks => 1.0,
        }
    }

    fn cap_index(&self, v: usize, g: usize) -> usize {
        v * self.strides.0 + g * self.strides.1
    }
}
