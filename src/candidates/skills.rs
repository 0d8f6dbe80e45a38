//! Skill sets as bit rows, so that "holds every skill of the demand" is a few word operations.

use crate::model::Instance;

/// One bit row per volunteer over all skills of the instance.
pub struct SkillRows {
    words: usize,
    bits: Vec<u64>,
}

impl SkillRows {
    /// The volunteers' skill rows.
    pub fn of_volunteers(instance: &Instance) -> Self {
        let words = instance.skill_count.div_ceil(64).max(1);
        let mut bits = vec![0u64; words * instance.volunteers.len()];
        for (v, vol) in instance.volunteers.iter().enumerate() {
            for &s in &vol.skills {
                bits[v * words + s as usize / 64] |= 1 << (s % 64);
            }
        }
        Self { words, bits }
    }

    /// The row of a skill list, to test against volunteers.
    pub fn row(&self, skills: &[u32]) -> Vec<u64> {
        let mut row = vec![0u64; self.words];
        skills.iter().for_each(|&s| row[s as usize / 64] |= 1 << (s % 64));
        row
    }

    /// Whether volunteer `v` holds every skill of `row`.
    pub fn holds(&self, v: usize, row: &[u64]) -> bool {
        let own = &self.bits[v * self.words..(v + 1) * self.words];
        own.iter().zip(row).all(|(o, r)| r & !o == 0)
    }
}
