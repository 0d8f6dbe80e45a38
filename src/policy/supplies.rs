//! Rules 6 and 7: which resources may supply a demand, and drawing its needs from them.

use crate::model::{Demand, Instance, Need, Supply};

/// For every region, the resources serving its region chain, nearest served region first.
#[derive(Debug, Clone, Default)]
pub struct SupplyIndex {
    by_region: Vec<Vec<u32>>,
}

/// The supply index of `instance`.
pub fn supply_policy(instance: &Instance) -> SupplyIndex {
    let mut served_by: Vec<Vec<u32>> = vec![Vec::new(); instance.regions.len()];
    for (r, res) in instance.resources.iter().enumerate() {
        res.serves.iter().for_each(|&g| served_by[g as usize].push(r as u32));
    }
    let by_region = (0..instance.regions.len() as u32)
        .map(|region| {
            let mut list: Vec<u32> = Vec::new();
            for g in instance.region_chain(Some(region)) {
                // A resource serving two regions of the chain is listed once, at the nearer.
                list.extend(served_by[g as usize].iter().filter(|r| !list.contains(r)).collect::<Vec<_>>());
            }
            list
        })
        .collect();
    SupplyIndex { by_region }
}

impl SupplyIndex {
    /// Resources of `need`'s kind that may supply `demand`, in the order they are drawn from:
    /// those serving the demand's own region first, so that a city-wide resource is kept for
    /// communities whose own resources run out.
    pub fn eligible<'a>(
        &'a self,
        instance: &'a Instance,
        demand: &Demand,
        need: &Need,
    ) -> impl Iterator<Item = u32> + 'a {
        let kind = need.kind;
        let list = demand.region.map_or(&[][..], |r| &self.by_region[r as usize][..]);
        list.iter().copied().filter(move |&r| instance.resources[r as usize].kind == kind)
    }

    /// Total amount left in the resources eligible for `need` of `demand`.
    pub fn available(&self, instance: &Instance, demand: &Demand, need: &Need, left: &[f64]) -> f64 {
        self.eligible(instance, demand, need).map(|r| left[r as usize]).sum()
    }

    /// Whether the resources serving `demand` hold, unused, enough for each of its needs: a
    /// demand failing this can never be met.
    pub fn covers(&self, instance: &Instance, demand: &Demand) -> bool {
        demand.needs.iter().all(|n| {
            let held: f64 = self.eligible(instance, demand, n).map(|r| instance.resources[r as usize].amount).sum();
            held + 1e-9 >= n.amount
        })
    }

    /// Supplies covering every need of `demand` from `left`, or the index of the first need
    /// that cannot be covered. `left` is not changed.
    pub fn draw(&self, instance: &Instance, demand: &Demand, left: &[f64]) -> Result<Vec<Supply>, usize> {
        let mut supplies = Vec::new();
        for (n, need) in demand.needs.iter().enumerate() {
            let drawn = self.draw_need(instance, demand, need, left, |_| true).ok_or(n)?;
            supplies.extend(drawn);
        }
        Ok(supplies)
    }

    /// Supplies covering `need` of `demand` from the eligible resources for which `usable`
    /// holds, in eligibility order, or `None` when they have too little in `left`.
    pub fn draw_need(
        &self,
        instance: &Instance,
        demand: &Demand,
        need: &Need,
        left: &[f64],
        usable: impl Fn(u32) -> bool,
    ) -> Option<Vec<Supply>> {
        let mut supplies = Vec::new();
        let mut rest = need.amount;
        for r in self.eligible(instance, demand, need).filter(|&r| usable(r)) {
            if rest <= 0.0 {
                break;
            }
            let have = left[r as usize];
            // Crumbs below this are rounding residue, not a usable supply.
            if have <= 1e-9 {
                continue;
            }
            let take = have.min(rest);
            supplies.push(Supply { resource: r, amount: take });
            rest -= take;
        }
        (rest <= 1e-9 * need.amount.max(1.0)).then_some(supplies)
    }
}
