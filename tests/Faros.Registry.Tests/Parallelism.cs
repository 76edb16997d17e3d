// Each fixture owns its registry process, data directory and CLI sandboxes, so fixtures can run side by
// side; tests inside a fixture share one registry and stay sequential. Two at a time matches the 2-core
// machines the suite runs on (a restore is CPU-bound; more would only queue).
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(2)]
