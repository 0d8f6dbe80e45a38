//! JSON Schemas (draft 2020-12) of the instance and solution files, generated from the serde
//! types that read them, so that the schema and the reader cannot drift apart. The schema checks
//! shapes and types; the rules that need the whole file (ids, references, ranges) are
//! [`super::validate`]'s.

use super::{InstanceSpec, SolutionSpec};
use serde_json::Value;

/// Which file's schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaKind {
    /// `civic-match/1` instance files.
    Instance,
    /// `civic-match-solution/1` solution files.
    Solution,
}

/// The JSON Schema of `kind`.
pub fn json_schema(kind: SchemaKind) -> Value {
    let (schema, id) = match kind {
        SchemaKind::Instance => (schemars::schema_for!(InstanceSpec), "civic-match/1"),
        SchemaKind::Solution => (schemars::schema_for!(SolutionSpec), "civic-match-solution/1"),
    };
    let mut value = schema.to_value();
    if let Some(object) = value.as_object_mut() {
        object.insert("title".into(), Value::String(id.into()));
    }
    value
}
