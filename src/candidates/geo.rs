//! Great-circle distances, as MODEL.md defines them.

use crate::model::LatLon;

/// Mean earth radius in km used by the model.
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Haversine distance in km between two `[latitude, longitude]` points.
pub fn haversine_km(a: LatLon, b: LatLon) -> f64 {
    let (lat1, lat2) = (a[0].to_radians(), b[0].to_radians());
    let dlat = lat2 - lat1;
    let dlon = (b[1] - a[1]).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// The point on a sphere of radius [`EARTH_RADIUS_KM`] in 3-D space; straight-line (chord)
/// distance between such points grows with the great-circle distance, so a Euclidean index
/// answers great-circle radius queries without trouble at the poles or the date line.
pub fn to_xyz(p: LatLon) -> [f64; 3] {
    let (lat, lon) = (p[0].to_radians(), p[1].to_radians());
    [EARTH_RADIUS_KM * lat.cos() * lon.cos(), EARTH_RADIUS_KM * lat.cos() * lon.sin(), EARTH_RADIUS_KM * lat.sin()]
}

/// The chord length of a great-circle distance of `km`.
pub fn chord_km(km: f64) -> f64 {
    2.0 * EARTH_RADIUS_KM * (km / (2.0 * EARTH_RADIUS_KM)).min(std::f64::consts::FRAC_PI_2).sin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn can_measure_known_distances() {
        // One degree of latitude is R * pi / 180.
        let one_degree = EARTH_RADIUS_KM * std::f64::consts::PI / 180.0;
        assert!((haversine_km([0.0, 0.0], [1.0, 0.0]) - one_degree).abs() < 1e-9);
        assert!((haversine_km([10.0, 179.9], [10.0, -179.9]) - haversine_km([10.0, 0.0], [10.0, 0.2])).abs() < 1e-9);
        assert_eq!(haversine_km([32.0, 112.1], [32.0, 112.1]), 0.0);
    }

    #[test]
    fn chord_is_never_shorter_than_the_straight_line_of_the_same_arc() {
        for km in [0.1, 1.25, 50.0, 5000.0] {
            let a = to_xyz([30.0, 110.0]);
            let b = to_xyz([30.0 + km / 111.19, 110.0]);
            let straight = ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt();
            let arc = haversine_km([30.0, 110.0], [30.0 + km / 111.19, 110.0]);
            assert!((chord_km(arc) - straight).abs() < 1e-6 * km.max(1.0));
        }
    }
}
