mod common;

#[test]
fn random_instances_are_valid() {
    for seed in 0..300 {
        common::random_problem(seed, common::SMALL);
    }
}
