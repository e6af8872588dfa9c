import Testing

/// Long outputs on the bundled postmortems, compared with files in Golden/.
@Suite struct GoldenOutputTests {
    @Test(arguments: [
        (["actions", "--open"], "actions-open.txt"),
        (["actions", "--open", "--format", "markdown"], "actions-open.md"),
        (["actions", "--open", "--format", "json"], "actions-open.json"),
        (["actions", "--format", "csv"], "actions-all.csv"),
        (["actions", "--open", "--by", "owner"], "actions-open-by-owner.txt"),
        (["actions", "--by", "incident", "--format", "markdown"], "actions-by-incident.md"),
        (["list"], "list.txt"),
        (["list", "--format", "json"], "list.json"),
        (["list", "--format", "csv"], "list.csv"),
        (["list", "--format", "markdown"], "list.md"),
        (["show", "2019-02-14"], "show-messenger.txt"),
        (["show", "2026-08", "--format", "json"], "show-insights.json"),
    ])
    func bundledExamples(arguments: [String], golden: String) {
        let run = pm(arguments)
        #expect(run.status == 0)
        #expect(run.stderr == "")
        expectGolden(run.stdout, golden)
    }
}
