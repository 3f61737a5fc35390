using PolySim.Output;

namespace PolySim.Tests.Output;

public class OutputFolderTests
{
    private static string[] Siblings(TempDir dir) =>
        Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    [Fact]
    public void Existing_target_without_force_throws_before_anything_is_created()
    {
        using var dir = new TempDir();
        string target = dir.File("out");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "old.txt"), "old");

        var e = Assert.Throws<OutputExistsException>(() => OutputFolder.Create(target, force: false));

        Assert.Equal(target, e.Path);
        Assert.Contains("--force", e.Message);
        Assert.Equal(["out"], Siblings(dir)); // no temporary folder was made
        Assert.Equal("old", File.ReadAllText(Path.Combine(target, "old.txt")));
    }

    [Fact]
    public void Existing_file_at_target_is_refused_even_with_force()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("out"), "x");
        Assert.Throws<OutputExistsException>(() => OutputFolder.Create(dir.File("out"), force: true));
        Assert.Equal(["out"], Siblings(dir));
    }

    [Fact]
    public void Files_go_to_a_hidden_sibling_until_commit_which_moves_them_into_place()
    {
        using var dir = new TempDir();
        string target = dir.File("out");
        string working;
        using (var folder = OutputFolder.Create(target, force: false))
        {
            working = folder.WorkingPath;
            Assert.Equal(dir.Path, Path.GetDirectoryName(working));
            Assert.StartsWith(".out.tmp-", Path.GetFileName(working));
            folder.WriteResolvedScenario("{\"name\":\"demo\"}\n");
            TidyMetricsWriter.Write(SyntheticRun.Create(1), folder.GetPath(TidyMetricsWriter.FileName));
            File.WriteAllText(folder.GetPath("plots/a.png"), "png");
            Assert.False(Directory.Exists(target)); // nothing visible before commit
            Assert.Equal(["metrics.csv", "plots/a.png", "scenario.resolved.json"], folder.ListFiles());

            folder.Commit();

            Assert.True(folder.IsCommitted);
            Assert.Throws<InvalidOperationException>(() => folder.GetPath("late.txt"));
        }
        Assert.False(Directory.Exists(working));
        Assert.Equal(["out"], Siblings(dir));
        Assert.Equal("{\"name\":\"demo\"}\n", File.ReadAllText(Path.Combine(target, OutputFolder.ResolvedScenarioFileName)));
        Assert.True(File.Exists(Path.Combine(target, "metrics.csv")));
        Assert.True(File.Exists(Path.Combine(target, "plots", "a.png")));
    }

    [Fact]
    public void Failure_before_commit_leaves_nothing()
    {
        using var dir = new TempDir();
        string target = dir.File("out");
        void FailingRun()
        {
            using var folder = OutputFolder.Create(target, force: false);
            File.WriteAllText(folder.GetPath("metrics.csv"), "partial");
            throw new InvalidDataException("simulated failure");
        }
        Assert.Throws<InvalidDataException>(FailingRun);
        Assert.Empty(Siblings(dir));
    }

    [Fact]
    public void Force_replaces_the_old_folder_only_at_commit()
    {
        using var dir = new TempDir();
        string target = dir.File("out");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "old.txt"), "old");

        using (var folder = OutputFolder.Create(target, force: true))
        {
            folder.WriteText("new.txt", "new");
            Assert.True(File.Exists(Path.Combine(target, "old.txt"))); // old results untouched while the run works
            folder.Commit();
            Assert.Null(folder.LeftoverPath);
        }

        Assert.Equal(["out"], Siblings(dir)); // no temp or set-aside folder left
        Assert.False(File.Exists(Path.Combine(target, "old.txt")));
        Assert.Equal("new", File.ReadAllText(Path.Combine(target, "new.txt")));
    }

    [Fact]
    public void Failed_forced_run_keeps_the_old_folder()
    {
        using var dir = new TempDir();
        string target = dir.File("out");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "old.txt"), "old");
        using (var folder = OutputFolder.Create(target, force: true))
            folder.WriteText("new.txt", "new"); // no commit
        Assert.Equal(["out"], Siblings(dir));
        Assert.Equal(["old.txt"], Directory.EnumerateFiles(target).Select(Path.GetFileName));
    }

    [Fact]
    public void Target_that_appears_during_the_run_is_not_overwritten_without_force()
    {
        using var dir = new TempDir();
        string target = dir.File("out");
        using (var folder = OutputFolder.Create(target, force: false))
        {
            folder.WriteText("new.txt", "new");
            Directory.CreateDirectory(target);
            File.WriteAllText(Path.Combine(target, "theirs.txt"), "theirs");
            Assert.Throws<OutputExistsException>(folder.Commit);
        }
        Assert.Equal(["out"], Siblings(dir));
        Assert.Equal(["theirs.txt"], Directory.EnumerateFiles(target).Select(Path.GetFileName));
    }

    [Fact]
    public void Missing_parent_folders_are_created_and_paths_cannot_escape()
    {
        using var dir = new TempDir();
        using var folder = OutputFolder.Create(Path.Combine(dir.Path, "runs", "a", "out"), force: false);
        Assert.True(Directory.Exists(folder.WorkingPath));
        Assert.Throws<ArgumentException>(() => folder.GetPath("../escape.txt"));
        Assert.Throws<ArgumentException>(() => folder.GetPath("/etc/passwd"));
        Assert.EndsWith(Path.Combine("plots", "x.svg"), folder.GetPath("plots/x.svg"));
    }
}
