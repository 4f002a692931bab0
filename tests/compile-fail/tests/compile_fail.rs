//! What must not compile (issue 12): a request missing a required field, a struct literal of a
//! `#[non_exhaustive]` generated type. The expected compiler messages are in `tests/ui/*.stderr`
//! (`TRYBUILD=overwrite` rewrites them).

#[test]
fn leaving_out_a_required_field_does_not_compile() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
