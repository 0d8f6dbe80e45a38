//! A plan in dense indices: what every solver returns and the report layer writes out.

/// An amount taken from one resource for one assignment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Supply {
    /// Resource index.
    pub resource: u32,
    /// Amount taken (> 0).
    pub amount: f64,
}

/// A demand met in one slot by a team of volunteers, with its supplies.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    /// Demand index.
    pub demand: u32,
    /// Slot index.
    pub slot: u32,
    /// Volunteer indices, exactly the demand's `people`.
    pub volunteers: Vec<u32>,
    /// Supplies covering every need of the demand.
    pub supplies: Vec<Supply>,
    /// Standby volunteer indices (rule 9), exactly the demand's `standby`; their hours are
    /// not spent unless they are called.
    pub standby: Vec<u32>,
}

/// A set of assignments, ordered by demand index.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    /// The assignments.
    pub assignments: Vec<Assignment>,
}
