//! Validation of files against the published JSON Schemas with an independent validator
//! (the `jsonschema` crate), so that the schemas `civic-match schema` prints describe what the
//! project really reads and writes.

use civic_match::format::{json_schema, SchemaKind};
use serde_json::Value;
use std::sync::OnceLock;

fn validator(kind: SchemaKind) -> &'static jsonschema::Validator {
    static INSTANCE: OnceLock<jsonschema::Validator> = OnceLock::new();
    static SOLUTION: OnceLock<jsonschema::Validator> = OnceLock::new();
    let cell = match kind {
        SchemaKind::Instance => &INSTANCE,
        SchemaKind::Solution => &SOLUTION,
    };
    cell.get_or_init(|| jsonschema::validator_for(&json_schema(kind)).expect("the generated schema is a valid schema"))
}

/// Every schema error of `value` as `path: message` lines (empty when it conforms).
pub fn schema_errors(kind: SchemaKind, value: &Value) -> Vec<String> {
    validator(kind).iter_errors(value).map(|e| format!("{}: {e}", e.instance_path())).collect()
}

/// Panics, naming `what` and every error, unless `value` conforms to the schema of `kind`.
pub fn assert_conforms(kind: SchemaKind, value: &Value, what: &str) {
    let errors = schema_errors(kind, value);
    assert!(errors.is_empty(), "{what} does not conform to its schema:\n{}", errors.join("\n"));
}
