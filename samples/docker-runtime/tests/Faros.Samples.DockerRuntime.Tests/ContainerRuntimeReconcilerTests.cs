using System.Net.Sockets;
using Faros.Sdk.Reconciliation;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace Faros.Samples.DockerRuntime.Tests;

public sealed class ContainerRuntimeReconcilerTests
{
    private const string VersionJson = """{"Platform":{"Name":"Docker Engine - Community"},"Version":"27.3.1","ApiVersion":"1.47","MinAPIVersion":"1.24","Os":"linux","Arch":"amd64"}""";
    private const string ContainersJson = """
        [
          {"Id":"8dfafdbc3a40d8f2c1f6a1f0e6b7a8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5","Names":["/mosquitto"],"Image":"eclipse-mosquitto:2","State":"running","Status":"Up 2 hours"},
          {"Id":"9cbd1e2f","Names":["/old-job"],"Image":"busybox","State":"exited","Status":"Exited (0)"}
        ]
        """;

    private static readonly DateTimeOffset Now = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);
    private DirectoryInfo _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("faros-docker-");

    [TearDown]
    public void TearDown() => _dir.Delete(recursive: true);

    private string SocketPath => Path.Combine(_dir.FullName, "docker.sock");

    private static ContainerRuntime Resource(string socketPath, string type = "docker") => new()
    {
        ApiVersion = "plugins.faros.sh/v1alpha1",
        Kind = "ContainerRuntime",
        Metadata = new V1ObjectMeta { Name = "docker", NamespaceProperty = "agent-1", Generation = 4 },
        Spec = new ContainerRuntimeSpec { Type = type, SocketPath = socketPath, RefreshSeconds = 30 },
    };

    private static ContainerRuntimeReconciler Reconciler() => new(NullLogger<ContainerRuntimeReconciler>.Instance, new FixedTime(Now));

    private static (int, string) Engine(string path) => path switch
    {
        "/version" => (200, VersionJson),
        "/containers/json?all=true" => (200, ContainersJson),
        _ => (404, """{"message":"page not found"}"""),
    };

    [Test]
    public async Task Reports_engine_version_and_containers_read_over_the_unix_socket()
    {
        await using var engine = new FakeDockerEngine(SocketPath, Engine);
        var runtime = Resource(SocketPath);

        var result = await Reconciler().ReconcileAsync(runtime, CancellationToken.None);

        var available = runtime.Status.FindCondition(ContainerRuntimeReconciler.AvailableCondition)!;
        Assert.Multiple(() =>
        {
            Assert.That(runtime.Status.EngineVersion, Is.EqualTo("27.3.1"));
            Assert.That(runtime.Status.ApiVersion, Is.EqualTo("1.47"));
            Assert.That(runtime.Status.Containers, Is.EqualTo(new[]
            {
                new ContainerSummary("8dfafdbc3a40", "mosquitto", "eclipse-mosquitto:2", "running"),
                new ContainerSummary("9cbd1e2f", "old-job", "busybox", "exited"),
            }));
            Assert.That(available.Status, Is.EqualTo(ConditionStatus.True));
            Assert.That(available.Reason, Is.EqualTo("EngineResponded"));
            Assert.That(available.ObservedGeneration, Is.EqualTo(4));
            Assert.That(result.RequeueAfter, Is.EqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(engine.RequestLines, Is.EquivalentTo(new[] { "GET /version HTTP/1.1", "GET /containers/json?all=true HTTP/1.1" }));
        });
    }

    [Test]
    public async Task Without_a_socket_reports_Available_False_SocketNotFound()
    {
        var runtime = Resource(SocketPath);
        runtime.Status.EngineVersion = "stale";

        var result = await Reconciler().ReconcileAsync(runtime, CancellationToken.None);

        var available = runtime.Status.FindCondition(ContainerRuntimeReconciler.AvailableCondition)!;
        Assert.Multiple(() =>
        {
            Assert.That(available.Status, Is.EqualTo(ConditionStatus.False));
            Assert.That(available.Reason, Is.EqualTo("SocketNotFound"));
            Assert.That(available.Message, Does.Contain(SocketPath));
            Assert.That(runtime.Status.EngineVersion, Is.Null);
            Assert.That(result.Failed, Is.False);
        });
    }

    [Test]
    public async Task A_socket_nobody_listens_on_reports_EngineUnreachable_and_retries()
    {
        // Bound but never listening: the socket file exists and connecting is refused, as after dockerd crashed.
        using var dead = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        dead.Bind(new UnixDomainSocketEndPoint(SocketPath));
        var runtime = Resource(SocketPath);

        var result = await Reconciler().ReconcileAsync(runtime, CancellationToken.None);

        Assert.That(runtime.Status.FindCondition(ContainerRuntimeReconciler.AvailableCondition)!.Reason, Is.EqualTo("EngineUnreachable"));
        Assert.That(result.Failed, Is.True);
    }

    [Test]
    public async Task An_engine_error_response_reports_EngineUnreachable()
    {
        await using var engine = new FakeDockerEngine(SocketPath, _ => (500, """{"message":"boom"}"""));
        var runtime = Resource(SocketPath);

        var result = await Reconciler().ReconcileAsync(runtime, CancellationToken.None);

        Assert.That(runtime.Status.IsConditionTrue(ContainerRuntimeReconciler.AvailableCondition), Is.False);
        Assert.That(runtime.Status.FindCondition(ContainerRuntimeReconciler.AvailableCondition)!.Reason, Is.EqualTo("EngineUnreachable"));
        Assert.That(result.Failed, Is.True);
    }

    [Test]
    public async Task Runtimes_of_other_types_are_left_untouched()
    {
        var runtime = Resource(SocketPath, type: "containerd");

        var result = await Reconciler().ReconcileAsync(runtime, CancellationToken.None);

        Assert.That(runtime.Status.Conditions, Is.Empty);
        Assert.That(result, Is.EqualTo(ReconcileResult.Done));
    }
}
