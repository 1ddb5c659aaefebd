using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Tightrope.Scenarios;

namespace Tightrope.Cli.Tests;

/// <summary>
/// For every shipped scenario, a one-character change to a field name (in the file, or in a --set path) is an error
/// naming the field, with exit code 1: never a silent run, never a stack trace. Checked by validation only (no solve).
/// </summary>
public class MisspellingPropertyTests
{
    private sealed record Key(string Scenario, string File, JsonObject Root, string ParentPath, string Name);

    private static readonly Lazy<IReadOnlyList<Key>> Keys = new(CollectKeys);

    [Fact]
    public void A_one_character_change_to_a_field_name_is_a_named_error()
    {
        var keys = Keys.Value;
        var dir = Cli.TempDir();
        try
        {
            var cases = ArbMap.Default.ArbFor<Tuple<int, int, int, char, bool>>();
            var property = Prop.ForAll(cases, c =>
            {
                var key = keys[Math.Abs(c.Item1 % keys.Count)];
                var mutated = Mutate(key.Name, Math.Abs(c.Item2 % 4), Math.Abs(c.Item3), c.Item4);
                var siblings = ValidNames(key);
                if (mutated is null || siblings.Contains(mutated))
                {
                    return true; // not a misspelling: the change gives another valid name (e.g. importers → importer)
                }

                CliResult r;
                string? setPath = null;
                if (c.Item5)
                {
                    var root = (JsonObject)key.Root.DeepClone();
                    Rename(root, key.ParentPath, key.Name, mutated);
                    var file = Path.Combine(dir, key.Scenario + ".json");
                    File.WriteAllText(file, root.ToJsonString());
                    r = Cli.Run("validate", file);
                }
                else
                {
                    setPath = (key.ParentPath.Length == 0 ? string.Empty : key.ParentPath + ".") + mutated;
                    r = Cli.Run("validate", key.File, "--set", setPath + "=1");
                }

                var named = r.Stderr.Contains($"'{mutated}'", StringComparison.Ordinal) || r.Stderr.Contains(mutated + "'", StringComparison.Ordinal)
                    || r.Stderr.Contains($"{key.Name}'", StringComparison.Ordinal) || r.Stderr.Contains("." + mutated, StringComparison.Ordinal);
                return r.ExitCode == 1 && named && !r.HasStackTrace && r.Stdout.Length == 0
                    ? true
                    : throw new InvalidOperationException($"{key.Scenario}: {key.ParentPath}/{key.Name} → {mutated} ({(setPath is null ? "file" : "--set " + setPath)}): {r}");
            });
            Check.One(Config.QuickThrowOnFailure.WithQuietOnSuccess(true).WithMaxTest(600), property);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void A_random_override_path_is_a_named_error()
    {
        var scenarios = Directory.GetFiles(Path.Combine(Cli.RepoRoot, "scenarios"), "*.json").Order(StringComparer.Ordinal).ToArray();
        var gen = ArbMap.Default.ArbFor<Tuple<int, NonEmptyString, int>>();
        var property = Prop.ForAll(gen, c =>
        {
            var file = scenarios[Math.Abs(c.Item1 % scenarios.Length)];
            var word = new string(c.Item2.Get.Where(char.IsAsciiLetter).Take(12).ToArray());
            var path = "zz" + word + (c.Item3 % 3 == 0 ? ".inner" : string.Empty);
            var r = Cli.Run("validate", file, "--set", path + "=1");
            return r.ExitCode == 1 && r.Stderr.Contains("zz" + word, StringComparison.Ordinal) && !r.HasStackTrace
                ? true
                : throw new InvalidOperationException($"{file} --set {path}=1: {r}");
        });
        Check.One(Config.QuickThrowOnFailure.WithQuietOnSuccess(true).WithMaxTest(100), property);
    }

    // 0 insert, 1 delete, 2 substitute, 3 swap two neighbours; null when the change leaves the name as it was.
    private static string? Mutate(string name, int kind, int position, char letter)
    {
        var c = char.IsAsciiLetterOrDigit(letter) ? letter : (char)('a' + (letter % 26));
        var p = position % (name.Length + 1);
        var result = kind switch
        {
            0 => name.Insert(p, c.ToString()),
            1 when name.Length > 1 => name.Remove(Math.Min(p, name.Length - 1), 1),
            2 => name.Remove(Math.Min(p, name.Length - 1), 1).Insert(Math.Min(p, name.Length - 1), c.ToString()),
            3 when name.Length > 1 => Swap(name, Math.Min(p, name.Length - 2)),
            _ => null,
        };
        return result is null || result == name ? null : result;
    }

    private static string Swap(string s, int i) => string.Concat(s.AsSpan(0, i), s[i + 1].ToString(), s[i].ToString(), s.AsSpan(i + 2));

    private static HashSet<string> ValidNames(Key key)
    {
        var model = Tightrope.Catalog.ShippedModels.Registry.Models.Single(m => m.Name == key.Root["model"]!.GetValue<string>());
        IReadOnlyList<ScenarioField> fields = [.. ScenarioEnvelope.Fields, .. model.Fields!];
        foreach (var step in key.ParentPath.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = step.Split('[')[0];
            fields = fields.Single(f => f.Name == name).Fields;
        }

        return fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
    }

    private static void Rename(JsonObject root, string parentPath, string from, string to)
    {
        JsonNode node = root;
        foreach (var step in parentPath.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = step.Split('[')[0];
            node = node[name]!;
            if (step.Contains('['))
            {
                node = node[int.Parse(step.Split('[')[1].TrimEnd(']'), System.Globalization.CultureInfo.InvariantCulture)]!;
            }
        }

        var obj = node.AsObject();
        var copy = obj.ToList();
        obj.Clear();
        foreach (var (k, v) in copy)
        {
            obj[k == from ? to : k] = v?.DeepClone();
        }
    }

    // Every key that names a declared field (not the data keys of maps, not the insides of notes), in every shipped scenario.
    private static List<Key> CollectKeys()
    {
        var keys = new List<Key>();
        foreach (var file in Directory.GetFiles(Path.Combine(Cli.RepoRoot, "scenarios"), "*.json").Order(StringComparer.Ordinal))
        {
            var root = JsonNode.Parse(File.ReadAllText(file), null, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!.AsObject();
            var model = Tightrope.Catalog.ShippedModels.Registry.Models.Single(m => m.Name == root["model"]!.GetValue<string>());
            var scenario = Path.GetFileNameWithoutExtension(file);
            Walk(root, [.. ScenarioEnvelope.Fields, .. model.Fields!], string.Empty, (parent, name) => keys.Add(new Key(scenario, file, root, parent, name)));
        }

        return keys;
    }

    private static void Walk(JsonObject obj, IReadOnlyList<ScenarioField> fields, string path, Action<string, string> add)
    {
        foreach (var (name, value) in obj)
        {
            add(path, name);
            var field = fields.FirstOrDefault(f => f.Name == name);
            if (field is null || value is null)
            {
                continue;
            }

            var at = path.Length == 0 ? name : $"{path}.{name}";
            if (field.Kind == FieldKind.Object && value is JsonObject child)
            {
                Walk(child, field.Fields, at, add);
            }
            else if (field.Kind == FieldKind.ObjectList && value is JsonArray list)
            {
                // The first two items are enough: every item has the same fields.
                for (var k = 0; k < Math.Min(2, list.Count); k++)
                {
                    if (list[k] is JsonObject item)
                    {
                        Walk(item, field.Fields, $"{at}[{k}]", add);
                    }
                }
            }
        }
    }
}
