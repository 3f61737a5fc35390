using System.Reflection;
using PolySim.Core.Finance;
using PolySim.Scenarios.Formulas;
using PolySim.Tests.Scenarios;

namespace PolySim.Tests.Formulas;

/// <summary>Custom equalization formulas (MODEL.md section 6, "custom"): language, B8 equivalence, rejection with positions.</summary>
public class FormulaCompilerTests
{
    private static Func<JurisdictionAttributes, double> Ok(string text)
    {
        var f = FormulaCompiler.Compile(text, out var errors);
        Assert.True(errors.Count == 0, $"{text}: {string.Join("; ", errors)}");
        Assert.NotNull(f);
        return f;
    }

    private static double Eval(string text, JurisdictionAttributes j = default) => Ok(text)(j);

    private static FormulaError Rejected(string text)
    {
        var f = FormulaCompiler.Compile(text, out var errors);
        Assert.Null(f);
        Assert.NotEmpty(errors);
        Assert.Equal(errors, FormulaCompiler.Validate(text));
        return errors[0];
    }

    // ------------------------------------------------------------ arithmetic

    [Theory]
    [InlineData("2 + 3 * 4 ^ 2", 50)]        // ^ binds tightest: 2 + 3 * 16
    [InlineData("2 ^ 3 ^ 2", 512)]           // ^ is right-associative: 2 ^ (3 ^ 2)
    [InlineData("(2 ^ 3) ^ 2", 64)]
    [InlineData("-2 ^ 2", -4)]               // unary minus is looser than ^
    [InlineData("(-2) ^ 2", 4)]
    [InlineData("2 ^ -1", 0.5)]
    [InlineData("10 - 4 - 3", 3)]            // + - * / are left-associative
    [InlineData("64 / 4 / 2", 8)]
    [InlineData("1 / 2", 0.5)]               // doubles, never integer division
    [InlineData("2 * -3", -6)]
    [InlineData("- -3", 3)]
    [InlineData("+3", 3)]
    [InlineData("1.5e3 + .5", 1500.5)]
    [InlineData("2E-1", 0.2)]
    public void Arithmetic_and_precedence(string text, double expected) => Assert.Equal(expected, Eval(text), 12);

    [Theory]
    [InlineData("min(3, 1, 2)", 1)]
    [InlineData("max(3, 1, 2)", 3)]
    [InlineData("abs(-2.5)", 2.5)]
    [InlineData("sqrt(16)", 4)]
    [InlineData("log(exp(2))", 2)]
    [InlineData("pow(2, 10)", 1024)]
    [InlineData("floor(-1.5)", -2)]
    [InlineData("ceiling(1.2)", 2)]
    [InlineData("round(2.5)", 3)]            // halves away from zero, not banker's rounding
    [InlineData("round(-2.5)", -3)]
    [InlineData("clamp(5, 0, 1)", 1)]
    [InlineData("clamp(-5, 0, 1)", 0)]
    [InlineData("clamp(0.3, 0, 1)", 0.3)]
    [InlineData("clamp(0.3, 1, 0)", 0)]      // lo > hi gives hi; never throws
    [InlineData("1 < 2 ? 10 : 20", 10)]
    [InlineData("1 >= 2 ? 10 : 20", 20)]
    [InlineData("1 == 1 ? 2 != 2 ? 7 : 8 : 9", 8)]
    [InlineData("1 > 2 ? 1 : 2 > 1 ? 5 : 6", 5)]
    public void Functions_and_conditionals(string text, double expected) => Assert.Equal(expected, Eval(text), 12);

    [Fact]
    public void Attributes_are_read_by_their_snake_case_names()
    {
        var j = new JurisdictionAttributes
        {
            Pop = 1, Households = 2, Base = 3, BasePc = 4, Fc = 5, AvgFc = 6, Need = 7, AvgNeed = 8, IncomePc = 9, Ci = 10,
            CiGrowth = 11, Spending = 12, Rate = 13, AreaKm2 = 14, TotalPop = 15, TotalBase = 16,
        };
        for (int k = 0; k < FormulaAttributes.All.Count; k++)
            Assert.Equal(k + 1, Eval(FormulaAttributes.All[k].Name, j));
        Assert.Equal(16 * 17 / 2.0, Eval(string.Join(" + ", FormulaAttributes.All.Select(a => a.Name)), j));
        Assert.Equal(15.0 * (6.0 / 5.0) + 11.0 / 16.0, Eval("total_pop * (avg_fc / fc) + ci_growth / total_base", j));
    }

    [Fact]
    public void Attribute_list_and_record_match_one_to_one()
    {
        var properties = typeof(JurisdictionAttributes).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType == typeof(double)).Select(p => p.Name).Order().ToList();
        Assert.Equal(properties, FormulaAttributes.All.Select(a => a.Property).Order().ToList());
        foreach (var a in FormulaAttributes.All)
        {
            Assert.Matches("^[a-z][a-z0-9_]*$", a.Name);
            Assert.Equal(a.Property, string.Concat(a.Name.Split('_').Select(w => char.ToUpperInvariant(w[0]) + w[1..])));
            Assert.False(string.IsNullOrWhiteSpace(a.Meaning));
        }
    }

    [Fact]
    public void Run_time_nan_and_infinity_are_returned_not_thrown()
    {
        Assert.Equal(double.PositiveInfinity, Eval("pop / fc", new JurisdictionAttributes { Pop = 1 }));
        Assert.True(double.IsNaN(Eval("sqrt(-1)")));
        Assert.Equal(double.NegativeInfinity, Eval("log(0)"));
        Assert.True(double.IsNaN(Eval("fc / fc")));
    }

    // ------------------------------------------------------------ B8: same meaning as the built-in rule, same result

    private static readonly (double Pop, double Value)[] B8 = [(20_000, 4.0e9), (50_000, 6.0e9), (30_000, 1.5e9)];

    private static JurisdictionAttributes[] B8Attributes()
    {
        double avg = B8.Sum(m => m.Value) / B8.Sum(m => m.Pop);
        return B8.Select(m => new JurisdictionAttributes { Pop = m.Pop, Fc = m.Value / m.Pop, AvgFc = avg, TotalPop = 100_000 }).ToArray();
    }

    [Fact]
    public void Fiscal_disparities_distribution_index_by_hand_B8()
    {
        var index = Ok("pop * (avg_fc / fc)");
        double[] expected = [11_500, 47_916.666666666667, 69_000]; // benchmarks.md B8: avg FC 115,000; FC 200,000 / 120,000 / 50,000
        var j = B8Attributes();
        Assert.Equal(115_000, j[0].AvgFc, 9);
        for (int k = 0; k < 3; k++)
            Assert.Equal(expected[k], index(j[k]), 1e-9 * expected[k]);
        Assert.Equal(128_416.666666666667, j.Sum(index), 1e-6);
    }

    [Fact]
    public void Fiscal_disparities_distribution_index_equals_the_built_in_rule_B8()
    {
        DisparityInput[] inputs =
        [
            new(20_000, 4.0e9, 30.0e6, 10.0e6, 0.30),
            new(50_000, 6.0e9, 15.0e6, 5.0e6, 0.35),
            new(30_000, 1.5e9, 6.0e6, 4.0e6, 0.50),
        ];
        var (shares, _, _) = FiscalDisparities.Compute(inputs, FiscalDisparities.StatutoryShare);
        var j = B8Attributes();
        var asWritten = Ok("pop * (avg_fc / fc)");   // the built-in rule's order of operations: bitwise identical
        var otherOrder = Ok("pop * avg_fc / fc");
        for (int k = 0; k < 3; k++)
        {
            double builtIn = shares[k].DistributionIndex;
            Assert.Equal(shares[k].FiscalCapacity, j[k].Fc);
            Assert.True(Math.Abs(otherOrder(j[k]) - builtIn) <= 1e-12 * builtIn, $"{otherOrder(j[k]):R} vs {builtIn:R}");
            Assert.Equal(BitConverter.DoubleToInt64Bits(builtIn), BitConverter.DoubleToInt64Bits(asWritten(j[k])));
        }
        // The distributions follow: pool x DI / sum DI reproduces the built-in shares.
        double sum = j.Sum(asWritten);
        for (int k = 0; k < 3; k++)
            Assert.Equal(shares[k].Distribution, 12.8e6 * asWritten(j[k]) / sum, 1e-6);
    }

    // ------------------------------------------------------------ rejection with positions

    [Theory]
    [InlineData("System.IO.File.Delete(\"x\")", 0, "'System.IO.File.Delete' is not allowed")]
    [InlineData("\"abc\".Length", 0, "string literal \"abc\" is not allowed")]
    [InlineData("new object()", 0, "'new' (object creation) is not allowed")]
    [InlineData("pop; exit", 3, "';' is not allowed")]
    [InlineData("Math.Exp(1)", 0, "call the formula function exp(...) directly")]
    [InlineData("pops * 2", 0, "did you mean 'pop'?")]
    [InlineData("2 * Pop", 4, "did you mean 'pop'?")]
    [InlineData("avgfc / fc", 0, "did you mean 'avg_fc'?")]
    [InlineData("fc(1)", 0, "'fc' is an attribute, not a function")]
    [InlineData("(pop * 2", 0, "'(' is never closed")]
    [InlineData("", 0, "the formula is empty")]
    [InlineData("   ", 0, "the formula is empty")]
    [InlineData("pop * 2)", 7, "')' has no matching '('")]
    [InlineData("pop *", 5, "the formula ends where a value")]
    [InlineData("pop fc", 4, "'fc' follows a complete expression")]
    [InlineData("pop = 3", 4, "'=' (assignment) is not allowed")]
    [InlineData("pop.ToString()", 0, "'pop.ToString' is not allowed")]
    [InlineData("x => x", 0, "unknown name 'x'")]
    [InlineData("pop > 1", 4, "may only be the condition")]
    [InlineData("pop ? 1 : 2", 4, "must be a comparison")]
    [InlineData("sqrt 4", 0, "must be called with its arguments in parentheses")]
    [InlineData("clamp(pop, 1)", 0, "takes 3 arguments")]
    [InlineData("min(pop)", 0, "takes at least 2 arguments")]
    [InlineData("max(pop, fc", 3, "'(' of max(...) is never closed")]
    [InlineData("2pop", 0, "is not a number")]
    [InlineData("0x10", 0, "is not a number")]
    [InlineData("pop && fc", 4, "character '&' is not allowed")]
    [InlineData("typeof(pop)", 0, "unknown name 'typeof'")]
    [InlineData("1e999", 0, "too large")]
    public void Rejected_with_position_and_message(string text, int position, string fragment)
    {
        var error = Rejected(text);
        Assert.Equal(position, error.Position);
        Assert.Equal(position + 1, error.Column);
        Assert.Equal(1, error.Line);
        Assert.Contains(fragment, error.Message);
    }

    [Fact]
    public void Errors_list_the_valid_names()
    {
        var error = Rejected("pops * 2");
        foreach (var a in FormulaAttributes.All) Assert.Contains(a.Name, error.Message);
        foreach (var f in FormulaAttributes.Functions) Assert.Contains(f.Name, error.Message);
        Assert.Equal("pops".Length, error.Length);
    }

    [Fact]
    public void Every_offending_token_is_reported()
    {
        var f = FormulaCompiler.Compile("System.IO.File.Delete(\"x\"); pops", out var errors);
        Assert.Null(f);
        Assert.Equal([0, 22, 26, 28], errors.Select(e => e.Position));
    }

    [Fact]
    public void Line_and_column_on_a_multi_line_formula()
    {
        var error = Rejected("pop *\n  (avg_fc / fcc)");
        Assert.Equal(18, error.Position);
        Assert.Equal(2, error.Line);
        Assert.Equal(13, error.Column);
        Assert.Contains("did you mean 'fc'?", error.Message);
        Assert.Equal(30, Eval("pop *\n  (avg_fc / fc)", new JurisdictionAttributes { Pop = 10, AvgFc = 6, Fc = 2 }));
    }

    [Fact]
    public void Deep_nesting_is_an_error_not_a_stack_overflow()
    {
        Assert.Contains("nested more than", Rejected(new string('(', 4000) + "1" + new string(')', 4000)).Message);
        Assert.Contains("nested more than", Rejected(string.Concat(Enumerable.Repeat("-", 5000)) + "1").Message);
        Assert.Contains("at most", Rejected(new string('1', FormulaCompiler.MaxLength + 1)).Message);
        Assert.Equal(1, Eval(new string('(', 30) + "1" + new string(')', 30)));
    }

    // ------------------------------------------------------------ rejected formulas never run

    [Fact]
    public void A_rejected_formula_is_never_compiled_or_executed()
    {
        string victim = Path.Combine(Path.GetTempPath(), $"polysim-formula-{Guid.NewGuid():N}.txt");
        File.WriteAllText(victim, "keep me");
        try
        {
            int before = FormulaCompiler.CompiledOnThisThread;
            string[] hostile =
            [
                $"System.IO.File.Delete(\"{victim}\")",
                $"pop + System.IO.File.Delete(\"{victim}\")",
                $"File.Delete(\"{victim}\")",
                "new System.IO.FileInfo(\"x\").Delete()",
                "Environment.Exit(1)",
                "pop; Environment.Exit(1)",
            ];
            foreach (string text in hostile)
            {
                Assert.Null(FormulaCompiler.Compile(text, out var errors));
                Assert.NotEmpty(errors);
            }
            Assert.Equal(before, FormulaCompiler.CompiledOnThisThread); // nothing reached Expression.Compile
            Assert.True(File.Exists(victim));
            Assert.Equal("keep me", File.ReadAllText(victim));

            var valid = Ok("pop * (avg_fc / fc)"); // the counter does count real compilations, once per formula
            Assert.Equal(before + 1, FormulaCompiler.CompiledOnThisThread);
            for (int k = 0; k < 1000; k++) valid(new JurisdictionAttributes { Pop = k, AvgFc = 2, Fc = 1 });
            Assert.Equal(before + 1, FormulaCompiler.CompiledOnThisThread);
        }
        finally
        {
            File.Delete(victim);
        }
    }

    [Fact]
    public void Numbers_are_read_in_the_invariant_culture()
    {
        var saved = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal(1.5, Eval("1.5"));
            Assert.Equal(",", Rejected("1,5").Message[1..2]);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = saved;
        }
    }

    // ------------------------------------------------------------ docs

    [Fact]
    public void Docs_section_lists_every_attribute_and_function_and_its_examples_hold()
    {
        string text = File.ReadAllText(RepoPaths.File("docs/scenarios.md"));
        int start = text.IndexOf("\n## Custom formulas\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/scenarios.md lacks the 'Custom formulas' section");
        int end = text.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        string section = text[start..end];
        Assert.True(start < text.IndexOf("<!-- BEGIN GENERATED", StringComparison.Ordinal) || start > text.IndexOf("<!-- END GENERATED", StringComparison.Ordinal));
        foreach (var a in FormulaAttributes.All) Assert.Contains($"| `{a.Name}` |", section);
        foreach (var f in FormulaAttributes.Functions) Assert.Contains($"`{f.Name}(", section);
        foreach (string example in new[] { "max(0, avg_fc - fc) * pop", "ci_growth > 0 ? 0.4 * ci_growth : 0", "pop * clamp(need / avg_need, 0.5, 2)", "sqrt(pop) * (avg_fc / fc) ^ 2", "fc > 0 ? pop * (avg_fc / fc) : 0" })
        {
            Assert.Contains($"`{example}`", section);
            Ok(example);
        }
        Assert.Contains(Rejected("pops * 2").ToString()[..60], section);
        Assert.Equal(0, Eval("fc > 0 ? pop * (avg_fc / fc) : 0", new JurisdictionAttributes { Pop = 5, AvgFc = 1 }));
    }
}
