//! The generator's output for each fixture, as an insta snapshot: the API's module files and
//! the warnings it printed. Review changes with `cargo insta review` (or INSTA_UPDATE=always).

use generator_tests::fixture;

fn render(name: &str) -> String {
    let out = generator::generate_fixtures(&[fixture(name)], "fixture").unwrap_or_else(|e| panic!("{e}"));
    generator_tests::render(&out)
}

macro_rules! snapshot {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                insta::assert_snapshot!(render(stringify!($name)));
            }
        )*

        #[test]
        fn every_fixture_has_a_snapshot_test() {
            let tested = [$(stringify!($name)),*];
            for f in generator_tests::fixtures() {
                let stem = f.file_stem().unwrap().to_string_lossy().into_owned();
                assert!(tested.contains(&stem.as_str()), "fixture {stem} has no snapshot test");
            }
        }
    };
}

snapshot!(
    all_of,
    bodies,
    defects,
    identifiers,
    inherited_discriminator,
    json_schema_2020,
    maps_and_free_form,
    names_odd,
    nullable,
    one_of_discriminator,
    one_of_shape,
    openapi31_schemas,
    openapi31_v32_additions,
    openapi31_webhooks,
    pagination,
    path_params,
    query_header_params,
    recursive,
    recursive_unions,
    refs_everywhere,
    request_body,
    responses,
    scalars,
    scalars_as_text,
    shapes_odd,
    string_enum,
    struct_fields,
    swagger2_definitions,
    swagger2_forms,
    swagger2_media_security,
    swagger2_odd,
    tags,
    wrong_shapes,
);

#[test]
fn output_is_deterministic() {
    let all = generator_tests::fixtures();
    let a = generator::generate_fixtures(&all, "fixtures").unwrap().files;
    let b = generator::generate_fixtures(&all, "fixtures").unwrap().files;
    assert_eq!(a, b);
}
