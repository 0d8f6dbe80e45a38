//! Exhaustive search for the optimum of tiny instances, written from MODEL.md on the dense
//! instance alone (its own candidate test, its own supply flow), to judge the solvers by.

use civic_match::check::haversine_km;
use civic_match::model::Instance;

/// One way to serve a demand: a slot and a team with its cost.
#[derive(Debug, Clone)]
struct Option_ {
    slot: usize,
    team: Vec<(usize, f64)>,
    cost: f64,
}

/// Candidates of demand `d`: (volunteer, cost c'(d, v), hours), the history policies' rewards
/// taken off the cost.
fn candidates(inst: &Instance, d: usize) -> Vec<(usize, f64, f64)> {
    let demand = &inst.demands[d];
    let skilled = |v: usize| demand.skills.iter().all(|s| inst.volunteers[v].skills.contains(s));
    let pairs: Vec<(usize, f64, f64)> = if !inst.arcs.is_empty() {
        inst.arcs
            .iter()
            .filter(|a| a.demand as usize == d && skilled(a.volunteer as usize))
            .map(|a| (a.volunteer as usize, a.cost, a.hours))
            .collect()
    } else {
        (0..inst.volunteers.len())
            .filter(|&v| skilled(v))
            .filter_map(|v| {
                let km = haversine_km(inst.volunteers[v].at?, demand.at?);
                (km <= inst.policy.max_km + 1e-9).then_some((v, inst.policy.travel_weight * km, demand.hours))
            })
            .collect()
    };
    pairs.into_iter().map(|(v, cost, hours)| (v, cost - reward(inst, d, v, hours), hours)).collect()
}

/// The balance and continuity rewards of v serving d for `hours` (MODEL.md, "Objective").
fn reward(inst: &Instance, d: usize, v: usize, hours: f64) -> f64 {
    let balance = inst.policy.balance.map_or(0.0, |b| {
        let left = (b.target - inst.volunteers[v].past_hours).max(0.0) / b.target;
        b.per_hour * hours * left
    });
    let kept = inst.demands[d].kept.iter().any(|&k| k as usize == v);
    let continuity = inst.policy.continuity.map_or(0.0, |c| if kept { c.bonus } else { 0.0 });
    balance + continuity
}

fn teams(
    cands: &[(usize, f64, f64)],
    size: usize,
    from: usize,
    out: &mut Vec<Vec<(usize, f64, f64)>>,
    cur: &mut Vec<(usize, f64, f64)>,
) {
    if cur.len() == size {
        out.push(cur.clone());
        return;
    }
    for i in from..cands.len() {
        cur.push(cands[i]);
        teams(cands, size, i + 1, out, cur);
        cur.pop();
    }
}

struct Search<'a> {
    inst: &'a Instance,
    options: Vec<Vec<Option_>>,
    hours_of: Vec<Vec<(usize, f64)>>,
    optimistic: Vec<f64>,
    hours: Vec<f64>,
    tasks: Vec<u32>,
    slot_hours: Vec<Vec<f64>>,
    slot_tasks: Vec<Vec<u32>>,
    chosen: Vec<Option<usize>>,
    best: Option<f64>,
}

fn fits(used: f64, add: f64, cap: f64) -> bool {
    used + add <= cap + 1e-9 * cap.abs().max(1.0)
}

impl Search<'_> {
    fn go(&mut self, d: usize, value: f64) {
        if let Some(best) = self.best {
            if value + self.optimistic[d] <= best + 1e-9 {
                return;
            }
        }
        let inst = self.inst;
        if d == inst.demands.len() {
            if supplies_feasible(inst, &self.chosen) && standby_feasible(inst, &self.options, &self.chosen) {
                let total = value - fairness_penalty(inst, &self.chosen);
                if self.best.is_none_or(|b| total > b) {
                    self.best = Some(total);
                }
            }
            return;
        }
        for o in 0..self.options[d].len() {
            let opt = self.options[d][o].clone();
            let hours: Vec<f64> =
                opt.team.iter().map(|&(v, _)| self.hours_of[d].iter().find(|x| x.0 == v).unwrap().1).collect();
            let ok = opt.team.iter().zip(&hours).all(|(&(v, _), &h)| {
                let vol = &inst.volunteers[v];
                self.tasks[v] < vol.max_tasks
                    && fits(self.hours[v], h, vol.hours)
                    && fits(self.slot_hours[v][opt.slot], h, inst.slots[opt.slot].hours)
                    && self.slot_tasks[v][opt.slot] < inst.policy.max_tasks_per_slot
            });
            if !ok {
                continue;
            }
            for (&(v, _), &h) in opt.team.iter().zip(&hours) {
                self.tasks[v] += 1;
                self.hours[v] += h;
                self.slot_hours[v][opt.slot] += h;
                self.slot_tasks[v][opt.slot] += 1;
            }
            self.chosen[d] = Some(o);
            self.go(d + 1, value + inst.demands[d].weight - opt.cost);
            self.chosen[d] = None;
            for (&(v, _), &h) in opt.team.iter().zip(&hours) {
                self.tasks[v] -= 1;
                self.hours[v] -= h;
                self.slot_hours[v][opt.slot] -= h;
                self.slot_tasks[v][opt.slot] -= 1;
            }
        }
        if !inst.demands[d].must && !inst.pins.iter().any(|p| p.demand as usize == d) {
            self.go(d + 1, value);
        }
    }
}

/// Whether every met demand asking standby can be given its backups (rule 9): for met d in
/// slot s, `standby(d)` candidates of d outside its team, available in s, with no assignment in
/// s, each standing by once per slot and at most `max_standby` times in all, holding the
/// standby its pin names. Exhaustive over the choices, demand by demand.
fn standby_feasible(inst: &Instance, options: &[Vec<Option_>], chosen: &[Option<usize>]) -> bool {
    let nv = inst.volunteers.len();
    let mut working = vec![vec![false; inst.slots.len()]; nv];
    for (d, c) in chosen.iter().enumerate() {
        if let Some(o) = c {
            let opt = &options[d][*o];
            opt.team.iter().for_each(|&(v, _)| working[v][opt.slot] = true);
        }
    }
    // Per met demand asking standby: its slot, how many, the backups it must hold, the others
    // it may take.
    let mut posts: Vec<(usize, usize, Vec<usize>, Vec<usize>)> = Vec::new();
    for (d, c) in chosen.iter().enumerate() {
        let Some(o) = c else { continue };
        let n = inst.demands[d].standby as usize;
        if n == 0 {
            continue;
        }
        let opt = &options[d][*o];
        let s = opt.slot;
        let free: Vec<usize> = candidates(inst, d)
            .into_iter()
            .map(|(v, _, _)| v)
            .filter(|&v| !opt.team.iter().any(|t| t.0 == v) && inst.volunteers[v].slots.contains(s) && !working[v][s])
            .collect();
        let forced: Vec<usize> = inst
            .pins
            .iter()
            .filter(|p| p.demand as usize == d)
            .flat_map(|p| p.standby.iter().map(|&b| b as usize))
            .collect();
        if forced.iter().any(|b| !free.contains(b)) {
            return false;
        }
        let others = free.into_iter().filter(|v| !forced.contains(v)).collect();
        posts.push((s, n, forced, others));
    }
    let mut on = vec![vec![false; inst.slots.len()]; nv];
    let mut duties = vec![0u32; nv];
    fn fill(
        inst: &Instance,
        posts: &[(usize, usize, Vec<usize>, Vec<usize>)],
        on: &mut [Vec<bool>],
        duties: &mut [u32],
    ) -> bool {
        let Some(((s, n, forced, others), rest)) = posts.split_first() else { return true };
        let s = *s;
        for &b in forced {
            if on[b][s] || duties[b] >= inst.volunteers[b].max_standby {
                return false;
            }
        }
        forced.iter().for_each(|&b| {
            on[b][s] = true;
            duties[b] += 1;
        });
        let need = n - forced.len();
        let mut sets = Vec::new();
        let pool: Vec<(usize, f64, f64)> = others.iter().map(|&v| (v, 0.0, 0.0)).collect();
        teams(&pool, need, 0, &mut sets, &mut Vec::new());
        let mut ok = false;
        for set in sets {
            let set: Vec<usize> = set.iter().map(|x| x.0).collect();
            if set.iter().any(|&b| on[b][s] || duties[b] >= inst.volunteers[b].max_standby) {
                continue;
            }
            set.iter().for_each(|&b| {
                on[b][s] = true;
                duties[b] += 1;
            });
            ok = fill(inst, rest, on, duties);
            set.iter().for_each(|&b| {
                on[b][s] = false;
                duties[b] -= 1;
            });
            if ok {
                break;
            }
        }
        forced.iter().for_each(|&b| {
            on[b][s] = false;
            duties[b] -= 1;
        });
        ok
    }
    fill(inst, &posts, &mut on, &mut duties)
}

/// Whether the needs of the chosen demands can all be supplied: a max-flow from needs to the
/// resources that may supply them, after the supplies pins fix (rule 8) are taken.
fn supplies_feasible(inst: &Instance, chosen: &[Option<usize>]) -> bool {
    let mut left: Vec<f64> = inst.resources.iter().map(|r| r.amount).collect();
    let mut fixed = vec![false; inst.demands.len()];
    for pin in &inst.pins {
        for s in pin.supplies.iter().flatten() {
            left[s.resource as usize] -= s.amount;
            fixed[pin.demand as usize] = true;
        }
    }
    if left.iter().any(|&l| l < -1e-7) {
        return false;
    }
    let needs: Vec<(usize, u32, f64)> = chosen
        .iter()
        .enumerate()
        .filter(|(d, c)| c.is_some() && !fixed[*d])
        .flat_map(|(d, _)| inst.demands[d].needs.iter().map(move |n| (d, n.kind, n.amount)))
        .filter(|n| n.2 > 0.0)
        .collect();
    let asked: f64 = needs.iter().map(|n| n.2).sum();
    if asked == 0.0 {
        return true;
    }
    // Nodes: 0 source, 1..=N needs, then resources, then sink.
    let (n, r) = (needs.len(), inst.resources.len());
    let sink = 1 + n + r;
    let mut cap = vec![vec![0.0f64; sink + 1]; sink + 1];
    for (i, &(d, kind, amount)) in needs.iter().enumerate() {
        cap[0][1 + i] = amount;
        let chain: Vec<u32> = inst.region_chain(inst.demands[d].region).collect();
        for (j, res) in inst.resources.iter().enumerate() {
            if res.kind == kind && res.serves.iter().any(|g| chain.contains(g)) {
                cap[1 + i][1 + n + j] = f64::INFINITY;
            }
        }
    }
    for (j, amount) in left.iter().enumerate() {
        cap[1 + n + j][sink] = amount.max(0.0);
    }
    let mut flow = 0.0;
    loop {
        // Breadth-first augmenting path.
        let mut prev = vec![usize::MAX; sink + 1];
        prev[0] = 0;
        let mut queue = std::collections::VecDeque::from([0]);
        while let Some(u) = queue.pop_front() {
            for w in 0..=sink {
                if prev[w] == usize::MAX && cap[u][w] > 1e-12 {
                    prev[w] = u;
                    queue.push_back(w);
                }
            }
        }
        if prev[sink] == usize::MAX {
            break;
        }
        let mut push = f64::INFINITY;
        let mut w = sink;
        while w != 0 {
            push = push.min(cap[prev[w]][w]);
            w = prev[w];
        }
        let mut w = sink;
        while w != 0 {
            cap[prev[w]][w] -= push;
            cap[w][prev[w]] += push;
            w = prev[w];
        }
        flow += push;
    }
    flow >= asked - 1e-7 * asked.max(1.0)
}

fn fairness_penalty(inst: &Instance, chosen: &[Option<usize>]) -> f64 {
    let Some(f) = &inst.policy.fairness else { return 0.0 };
    let Some(level) = f.level else { return 0.0 };
    let mut total = vec![0.0; inst.regions.len()];
    let mut met = vec![0.0; inst.regions.len()];
    for (d, demand) in inst.demands.iter().enumerate() {
        if let Some(g) = inst.region_chain(demand.region).find(|&r| inst.regions[r as usize].level == Some(level)) {
            total[g as usize] += demand.weight;
            if chosen[d].is_some() {
                met[g as usize] += demand.weight;
            }
        }
    }
    // With cumulative fairness a region's past weight offered and met joins this month's.
    let past = |g: usize| if f.cumulative { f.past.get(g).copied().unwrap_or([0.0; 2]) } else { [0.0; 2] };
    let holds = |g: usize| {
        inst.demands.iter().any(|d| {
            inst.region_chain(d.region).find(|&r| inst.regions[r as usize].level == Some(level)) == Some(g as u32)
        })
    };
    let short = (0..total.len()).filter(|&g| holds(g)).map(|g| {
        let [offered, past_met] = past(g);
        (f.min_coverage * (offered + total[g]) - (past_met + met[g])).max(0.0)
    });
    f.penalty * short.sum::<f64>()
}

/// The optimum objective of `inst`, or `None` when no feasible plan exists.
pub fn brute_force_optimum(inst: &Instance) -> Option<f64> {
    let nd = inst.demands.len();
    let mut options = Vec::with_capacity(nd);
    let mut hours_of = Vec::with_capacity(nd);
    for d in 0..nd {
        let demand = &inst.demands[d];
        let cands = candidates(inst, d);
        let mut opts = Vec::new();
        for s in demand.slots.iter() {
            let avail: Vec<_> =
                cands.iter().copied().filter(|&(v, _, _)| inst.volunteers[v].slots.contains(s)).collect();
            let mut all = Vec::new();
            teams(&avail, demand.people as usize, 0, &mut all, &mut Vec::new());
            // Rule 8: a pinned demand only in its pinned slot, by teams holding its pinned volunteers.
            let pin = inst.pins.iter().find(|p| p.demand as usize == d);
            if pin.is_some_and(|p| p.slot.is_some_and(|ps| ps as usize != s)) {
                continue;
            }
            all.retain(|t| pin.is_none_or(|p| p.volunteers.iter().all(|&v| t.iter().any(|x| x.0 == v as usize))));
            for t in all {
                let cost = t.iter().map(|x| x.1).sum();
                opts.push(Option_ { slot: s, team: t.iter().map(|x| (x.0, x.1)).collect(), cost });
            }
        }
        opts.sort_by(|a, b| a.cost.total_cmp(&b.cost));
        hours_of.push(cands.iter().map(|&(v, _, h)| (v, h)).collect());
        options.push(opts);
    }
    // Best value the demands from d on can still add (penalties only lower the objective).
    let mut optimistic = vec![0.0; nd + 1];
    for d in (0..nd).rev() {
        let best = options[d].first().map(|o| inst.demands[d].weight - o.cost);
        let pinned = inst.pins.iter().any(|p| p.demand as usize == d);
        let add = match (inst.demands[d].must || pinned, best) {
            (true, Some(b)) => b,
            (true, None) => f64::NEG_INFINITY,
            (false, b) => b.unwrap_or(0.0).max(0.0),
        };
        optimistic[d] = optimistic[d + 1] + add;
    }
    let nv = inst.volunteers.len();
    let mut search = Search {
        inst,
        options,
        hours_of,
        optimistic,
        hours: vec![0.0; nv],
        tasks: vec![0; nv],
        slot_hours: vec![vec![0.0; inst.slots.len()]; nv],
        slot_tasks: vec![vec![0; inst.slots.len()]; nv],
        chosen: vec![None; nd],
        best: None,
    };
    search.go(0, 0.0);
    search.best
}
