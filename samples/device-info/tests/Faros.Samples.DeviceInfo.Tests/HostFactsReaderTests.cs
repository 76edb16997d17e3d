namespace Faros.Samples.DeviceInfo.Tests;

public sealed class HostFactsReaderTests
{
    [Test]
    public void Reads_memory_in_bytes_and_the_cpu_model_from_procfs_files()
    {
        using var proc = new FakeProcRoot(
            "MemTotal:       16314640 kB\nMemFree:         1000000 kB\nMemAvailable:    8000000 kB\n",
            "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz\n");

        var facts = new HostFactsReader(proc.Path).Read();

        Assert.Multiple(() =>
        {
            Assert.That(facts.MemoryTotalBytes, Is.EqualTo(16314640L * 1024));
            Assert.That(facts.MemoryAvailableBytes, Is.EqualTo(8000000L * 1024));
            Assert.That(facts.CpuModel, Is.EqualTo("Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz"));
            Assert.That(facts.CpuCount, Is.EqualTo(Environment.ProcessorCount));
            Assert.That(facts.OperatingSystem, Is.Not.Empty);
        });
    }

    [Test]
    public void Falls_back_to_the_arm_Model_line_when_there_is_no_model_name()
    {
        using var proc = new FakeProcRoot(null, "processor\t: 0\nBogoMIPS\t: 108.00\nModel\t\t: Raspberry Pi 4 Model B Rev 1.4\n");

        Assert.That(new HostFactsReader(proc.Path).Read().CpuModel, Is.EqualTo("Raspberry Pi 4 Model B Rev 1.4"));
    }

    [Test]
    public void Missing_procfs_files_leave_those_facts_empty_instead_of_failing()
    {
        using var proc = new FakeProcRoot(null, null);

        var facts = new HostFactsReader(proc.Path).Read();

        Assert.Multiple(() =>
        {
            Assert.That(facts.MemoryTotalBytes, Is.Null);
            Assert.That(facts.CpuModel, Is.Null);
        });
    }

    [Test]
    public void Reports_the_root_file_system_with_consistent_sizes()
    {
        var facts = new HostFactsReader().Read();

        Assert.That(facts.Disks.Select(d => d.MountPoint), Does.Contain("/"));
        Assert.That(facts.Disks, Has.All.Matches<DiskFacts>(d => d.TotalBytes > 0 && d.FreeBytes >= 0 && d.FreeBytes <= d.TotalBytes));
    }

    [Test]
    public void Reads_the_real_proc_of_this_machine()
    {
        var facts = new HostFactsReader().Read();

        Assert.That(facts.MemoryTotalBytes, Is.GreaterThan(0));
    }
}
