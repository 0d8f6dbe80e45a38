//! The map: community centres on a jittered hexagonal lattice around the city centre, grouped into
//! contiguous streets and districts by recursive bisection, each community split into grids.
//!
//! Positions are kept as planar `(x, y)` km east and north of the centre while building, which is
//! exact enough over a few tens of km, and converted to rounded latitude and longitude only when
//! written, so every distance the generator checks is measured on the written coordinates.

use super::catalogue::{COMMUNITY_ENDINGS, WORDS};
use super::profile::ProfileParams;
use super::rng::{apportion, normal, shuffle, uniform};
use super::Params;
use crate::format::RegionSpec;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// Km per degree of latitude on the sphere of radius 6371.0088 km used for distances.
const KM_PER_DEGREE: f64 = 6371.0088 * std::f64::consts::PI / 180.0;

/// A planar position in km east (`.0`) and north (`.1`) of the centre.
pub(super) type Xy = (f64, f64);

/// A grid (网格): the smallest region, a few hundred households.
pub(super) struct Grid {
    pub id: String,
    pub xy: Xy,
}

/// A community (社区) with what the people generator needs to know about it.
pub(super) struct Community {
    pub id: String,
    /// Base word of its name, reused in unit names (仁德社区 → 仁德).
    pub word: String,
    pub street: usize,
    pub district: usize,
    pub xy: Xy,
    /// Width in km; homes and demands spread over it.
    pub size_km: f64,
    pub grids: Vec<Grid>,
    /// Relative population.
    pub scale: f64,
    /// Share of elderly households: old compounds have more elderly services and problems and
    /// fewer working members.
    pub old: f64,
}

/// A street (街道) or township.
pub(super) struct Street {
    pub id: String,
    pub word: String,
}

/// A district (区) or county.
pub(super) struct District {
    pub name: &'static str,
    /// Index of its city in [`Map::cities`].
    pub city: usize,
}

/// The region tree and the communities, in the order they are written.
pub(super) struct Map {
    pub centre: [f64; 2],
    pub regions: Vec<RegionSpec>,
    /// City names (市), one for every preset but the province.
    pub cities: Vec<&'static str>,
    pub districts: Vec<District>,
    pub streets: Vec<Street>,
    pub communities: Vec<Community>,
}

impl Map {
    /// `[latitude, longitude]` of a planar position, rounded to 6 decimals (about 0.1 m).
    pub fn latlon(&self, xy: Xy) -> [f64; 2] {
        let lat = self.centre[0] + xy.1 / KM_PER_DEGREE;
        let lon = self.centre[1] + xy.0 / (KM_PER_DEGREE * self.centre[0].to_radians().cos());
        [round6(lat), round6(lon)]
    }
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

fn region(id: &str, parent: Option<&str>, level: &str, name: String) -> RegionSpec {
    RegionSpec {
        id: id.to_string(),
        parent: parent.map(str::to_string),
        level: Some(level.to_string()),
        name: Some(name),
    }
}

/// Planar position of `at` in the frame centred on `centre` (km east, km north).
fn planar(centre: [f64; 2], at: [f64; 2]) -> Xy {
    let x = (at[1] - centre[1]) * KM_PER_DEGREE * centre[0].to_radians().cos();
    (x, (at[0] - centre[0]) * KM_PER_DEGREE)
}

/// Lays out the preset's communities and builds the region tree; the profile sets how wide
/// communities are and how unequal their populations. `district_streets` gives the number of
/// streets of every district of every city, in order.
///
/// Each city's communities sit on a lattice around the city's own centre; a preset of several
/// cities (the province) shares the communities out in proportion to the cities' streets. A
/// single city draws exactly what it always drew, so its months keep their bytes.
pub(super) fn build(p: &Params, shape: &ProfileParams, district_streets: &[usize], rng: &mut ChaCha8Rng) -> Map {
    // Each city's share of `district_streets`.
    let mut rest = district_streets;
    let site_streets: Vec<&[usize]> = p
        .cities
        .iter()
        .map(|site| {
            let (mine, others) = rest.split_at(site.districts.len());
            rest = others;
            mine
        })
        .collect();
    let city_streets: Vec<f64> = site_streets.iter().map(|s| s.iter().sum::<usize>() as f64).collect();
    let per_city = if p.cities.len() == 1 { vec![p.communities] } else { apportion(p.communities, &city_streets) };

    let mut centres: Vec<Xy> = Vec::with_capacity(p.communities);
    let mut street_of = Vec::with_capacity(p.communities);
    let mut district_of = Vec::with_capacity(p.communities);
    let mut street_district = Vec::new();
    let mut street_words = Vec::new();
    let mut street_titles = Vec::new();
    let mut community_words = Vec::with_capacity(p.communities);
    let mut first_district = 0;
    for ((site, &n), &streets_here) in p.cities.iter().zip(&per_city).zip(&site_streets) {
        let shift = planar(p.centre, site.centre);
        let local: Vec<Xy> =
            community_centres(n, p.pitch_km, rng).into_iter().map(|(x, y)| (x + shift.0, y + shift.1)).collect();

        // Districts get shares of the communities proportional to their number of streets, then
        // each district is cut into its streets with somewhat uneven sizes, as real streets are.
        let weights: Vec<f64> = streets_here.iter().map(|&s| s as f64).collect();
        let by_district = bisect((0..n).collect(), &weights, &local, rng);
        let first_street = street_district.len();
        let mut local_street = vec![0usize; n];
        let mut local_district = vec![0usize; n];
        for (d, members) in by_district.into_iter().enumerate() {
            let weights: Vec<f64> = (0..streets_here[d]).map(|_| uniform(rng, 0.7, 1.3)).collect();
            for members in bisect(members, &weights, &local, rng) {
                for &c in &members {
                    local_street[c] = street_district.len() - first_street;
                    local_district[c] = first_district + d;
                }
                street_district.push(first_district + d);
            }
        }

        // Number communities street by street, north to south within a street, so that ids
        // follow the tree the way a city's register does.
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| {
            local_street[a]
                .cmp(&local_street[b])
                .then(local[b].1.total_cmp(&local[a].1))
                .then(local[a].0.total_cmp(&local[b].0))
        });
        let sorted_streets: Vec<usize> = order.iter().map(|&c| local_street[c]).collect();
        let count = street_district.len() - first_street;
        let (mut words, stems) = names(site.street_names, count, &sorted_streets, rng);
        // A preset with fixed names may draw fewer streets than it has names for.
        words.truncate(count);
        street_titles.extend(words.iter().enumerate().map(|(s, word)| match site.street_names {
            Some(fixed) => fixed[s].to_string(),
            None => format!("{word}街道"),
        }));
        centres.extend(order.iter().map(|&c| local[c]));
        street_of.extend(sorted_streets.iter().map(|&s| first_street + s));
        district_of.extend(order.iter().map(|&c| local_district[c]));
        street_words.extend(words);
        community_words.extend(stems);
        first_district += site.districts.len();
    }

    let streets: Vec<Street> = street_words
        .iter()
        .enumerate()
        .map(|(s, word)| Street { id: format!("s{}", s + 1), word: word.clone() })
        .collect();
    let mut regions = Vec::new();
    let mut districts = Vec::new();
    let city_id = |k: usize| if p.cities.len() == 1 { "city".to_string() } else { format!("city{}", k + 1) };
    if let Some(province) = p.province {
        regions.push(region("province", None, "province", province.to_string()));
    }
    for (k, site) in p.cities.iter().enumerate() {
        let parent = p.province.map(|_| "province");
        regions.push(region(&city_id(k), parent, "city", site.name.to_string()));
        for &(name, _) in site.districts {
            districts.push(District { name, city: k });
        }
    }
    for (d, district) in districts.iter().enumerate() {
        regions.push(region(
            &format!("dist{}", d + 1),
            Some(&city_id(district.city)),
            "district",
            district.name.to_string(),
        ));
    }
    for (s, street) in streets.iter().enumerate() {
        let parent = format!("dist{}", street_district[s] + 1);
        regions.push(region(&street.id, Some(&parent), "street", street_titles[s].clone()));
    }
    let mut communities = Vec::with_capacity(centres.len());
    for (c, &xy) in centres.iter().enumerate() {
        let id = format!("c{}", c + 1);
        let size_km = uniform(rng, shape.community_km.0, shape.community_km.1);
        regions.push(region(&id, Some(&streets[street_of[c]].id), "community", format!("{}社区", community_words[c])));
        let count = rng.random_range(p.grids.0..=p.grids.1);
        let grids = grid_layout(count, xy, size_km, rng)
            .into_iter()
            .enumerate()
            .map(|(g, xy)| {
                let grid = Grid { id: format!("{id}g{}", g + 1), xy };
                regions.push(region(&grid.id, Some(&id), "grid", format!("第{}网格", g + 1)));
                grid
            })
            .collect();
        let word = community_words[c].clone();
        let scale = (shape.scale_sigma * normal(rng)).exp();
        let old = uniform(rng, 0.15, 0.6);
        communities.push(Community {
            id,
            word,
            street: street_of[c],
            district: district_of[c],
            xy,
            size_km,
            grids,
            scale,
            old,
        });
    }
    let cities = p.cities.iter().map(|site| site.name).collect();
    Map { centre: p.centre, regions, cities, districts, streets, communities }
}

/// The `n` lattice points with the smallest distance to the centre relative to an irregular
/// outline, so that the built-up area is a blob rather than a disc; each point is jittered so
/// the communities do not sit on a visible lattice.
fn community_centres(n: usize, pitch: f64, rng: &mut ChaCha8Rng) -> Vec<Xy> {
    let row_height = pitch * 3f64.sqrt() / 2.0;
    let radius = (n as f64 * pitch * row_height / std::f64::consts::PI).sqrt();
    let reach = (2.0 * radius / row_height).ceil() as i64 + 2;
    let phase = (uniform(rng, 0.0, 6.3), uniform(rng, 0.0, 6.3), uniform(rng, 0.0, 6.3));
    let mut cells: Vec<(f64, Xy)> = Vec::new();
    for row in -reach..=reach {
        for col in -reach..=reach {
            let x = (col as f64 + if row % 2 == 0 { 0.0 } else { 0.5 }) * pitch;
            let y = row as f64 * row_height;
            let theta = y.atan2(x);
            let outline = 1.0
                + 0.18 * (2.0 * theta + phase.0).sin()
                + 0.10 * (3.0 * theta + phase.1).sin()
                + 0.05 * (5.0 * theta + phase.2).sin();
            let score = (x * x + y * y).sqrt() / outline + 0.3 * pitch * rng.random::<f64>();
            cells.push((score, (x, y)));
        }
    }
    // Ties cannot depend on anything but the lattice order, which is fixed.
    cells.sort_by(|a, b| a.0.total_cmp(&b.0));
    cells.truncate(n);
    let jitter = 0.12 * pitch;
    cells
        .into_iter()
        .map(|(_, (x, y))| (x + uniform(rng, -jitter, jitter), y + uniform(rng, -jitter, jitter)))
        .collect()
}

/// Splits `items` into one contiguous group per weight, sized in proportion to the weights, by
/// cutting along the longer side again and again. Every group gets at least one item when there
/// are at least as many items as weights.
fn bisect(mut items: Vec<usize>, weights: &[f64], xy: &[Xy], rng: &mut ChaCha8Rng) -> Vec<Vec<usize>> {
    if weights.len() == 1 {
        return vec![items];
    }
    let half = weights.len() / 2;
    let (left, right) = weights.split_at(half);
    let share = left.iter().sum::<f64>() / weights.iter().sum::<f64>();
    let extent = |f: fn(&Xy) -> f64| {
        let (lo, hi) = items.iter().fold((f64::MAX, f64::MIN), |(lo, hi), &i| (lo.min(f(&xy[i])), hi.max(f(&xy[i]))));
        hi - lo
    };
    let along_x = extent(|p| p.0) >= extent(|p| p.1);
    items.sort_by(|&a, &b| {
        let (pa, pb) = (xy[a], xy[b]);
        let key = if along_x { pa.0.total_cmp(&pb.0) } else { pa.1.total_cmp(&pb.1) };
        key.then(a.cmp(&b))
    });
    let n = items.len();
    let cut = ((n as f64 * share * uniform(rng, 0.95, 1.05)).round() as usize)
        .clamp(left.len().min(n), n - right.len().min(n));
    let rest = items.split_off(cut);
    let mut groups = bisect(items, left, xy, rng);
    groups.extend(bisect(rest, right, xy, rng));
    groups
}

/// Grid centres: the community's square cut into a near-square arrangement of cells.
fn grid_layout(count: usize, centre: Xy, size: f64, rng: &mut ChaCha8Rng) -> Vec<Xy> {
    let cols = (count as f64).sqrt().ceil() as usize;
    let rows = count.div_ceil(cols);
    let (cell_w, cell_h) = (size / cols as f64, size / rows as f64);
    (0..count)
        .map(|g| {
            let (col, row) = (g % cols, g / cols);
            let x = centre.0 - size / 2.0 + (col as f64 + 0.5) * cell_w + uniform(rng, -0.1, 0.1) * cell_w;
            let y = centre.1 + size / 2.0 - (row as f64 + 0.5) * cell_h + uniform(rng, -0.1, 0.1) * cell_h;
            (x, y)
        })
        .collect()
}

/// Street words and community name stems. Each street's first community is its namesake (仁德街道
/// has 仁德社区), as is common; every other community gets a distinct word-and-ending pair.
fn names(
    street_names: Option<&[&str]>,
    street_count: usize,
    street_of: &[usize],
    rng: &mut ChaCha8Rng,
) -> (Vec<String>, Vec<String>) {
    let mut words: Vec<&str> = WORDS.to_vec();
    shuffle(&mut words, rng);
    let street_words: Vec<String> = match street_names {
        Some(fixed) => fixed.iter().map(|s| s.trim_end_matches("街道").trim_end_matches('镇').to_string()).collect(),
        None => words[..street_count].iter().map(|w| w.to_string()).collect(),
    };
    let mut stems: Vec<String> = Vec::new();
    for ending in COMMUNITY_ENDINGS {
        for w in &words {
            let stem = format!("{w}{ending}");
            if !street_words.contains(&stem) {
                stems.push(stem);
            }
        }
    }
    // Plain words first, then word-and-ending pairs, so small presets read like 春园社区.
    let mut stems = stems.into_iter();
    let mut named = vec![false; street_count];
    let community_words = street_of
        .iter()
        .map(|&s| {
            if !named[s] {
                named[s] = true;
                street_words[s].clone()
            } else {
                // 162 words with 10 endings are far more than the 513 communities of a city
                // (a province's cities are named one by one).
                stems.next().unwrap_or_else(|| format!("新建{}", s + 1))
            }
        })
        .collect();
    (street_words, community_words)
}
