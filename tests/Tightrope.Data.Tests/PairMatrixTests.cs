namespace Tightrope.Data.Tests;

/// <summary>The exporter → importer pair matrices: orientation, validation, reordering.</summary>
public sealed class PairMatrixTests
{
    private static readonly CountrySet Three = new([new Country("MEX", "Mexico"), new Country("USA", "United States"), new Country("CAN", "Canada")]);
    private static readonly SectorSet Two = new([new Sector("transport", "Transport"), new Sector("metals", "Metals")]);

    [Fact]
    public void The_first_index_is_the_exporter()
    {
        var m = new PairMatrix(Three, [0, 5, 1, 2, 0, 3, 4, 6, 0], PairUnit.Of(MoneyUnit.MillionUsd));
        m["MEX", "USA"].ShouldBe(5);
        m["USA", "MEX"].ShouldBe(2);
        m.RowSum(0).ShouldBe(6);
        m.ColumnSum(1).ShouldBe(11);
    }

    [Fact]
    public void Flows_must_be_non_negative_and_rates_need_a_zero_diagonal()
    {
        Should.Throw<ArgumentException>(() => new PairMatrix(Three, [0, -1, 0, 0, 0, 0, 0, 0, 0], PairUnit.Of(MoneyUnit.Usd))).Message.ShouldContain("MEX → USA");
        Should.Throw<ArgumentException>(() => new PairMatrix(Three, [0.1, 0, 0, 0, 0, 0, 0, 0, 0], PairUnit.Fraction)).Message.ShouldContain("diagonal");
        Should.Throw<ArgumentException>(() => new PairMatrix(Three, [0, 0, 0], PairUnit.Fraction)).Message.ShouldContain("needs 9");
        var zero = SectoralPairMatrix.Zero(Two, Three, PairUnit.Fraction);
        Should.Throw<ArgumentException>(() => zero.With(v => v[zero.At(1, 2, 2)] = 0.25)).Message.ShouldContain("metals, CAN → CAN");
        Should.Throw<InvalidOperationException>(() => zero.SumOverSectors());
    }

    [Fact]
    public void Reordering_keeps_every_cell_with_its_labels()
    {
        var values = Enumerable.Range(0, 18).Select(v => (double)v).ToArray();
        var m = new SectoralPairMatrix(Two, Three, values, PairUnit.Of(MoneyUnit.MillionUsd));
        var p = m.Permute([1, 0], [2, 0, 1]);
        foreach (var s in Two)
        {
            foreach (var e in Three)
            {
                foreach (var i in Three)
                {
                    p[s.Code, e.Iso3, i.Iso3].ShouldBe(m[s.Code, e.Iso3, i.Iso3]);
                }
            }
        }

        p.SumOverSectors()["USA", "CAN"].ShouldBe(m["transport", "USA", "CAN"] + m["metals", "USA", "CAN"]);
        m.Sector(1)["CAN", "MEX"].ShouldBe(m["metals", "CAN", "MEX"]);
    }

    [Fact]
    public void Factors_must_be_positive_and_flows_convert_between_currencies()
    {
        Should.Throw<ArgumentException>(() => new PairMatrix(Three, [1, 1, 1, 1, 0, 1, 1, 1, 1], PairUnit.Factor)).Message.ShouldContain("USA → USA");
        var costs = new PairMatrix(Three, [1, 0.5, 0.5, 0.5, 1, 0.5, 0.5, 0.5, 1], PairUnit.Factor);
        costs.Unit.IsFactor.ShouldBeTrue();
        Should.Throw<InvalidOperationException>(() => costs.Currency);
        var flows = new PairMatrix(Three, [7, 5, 1, 2, 9, 3, 4, 6, 8], MoneyUnit.MillionUsd);
        flows.ExportsOf(0).ShouldBe(6);
        flows.ImportsOf(1).ShouldBe(11);
        flows.In(MoneyUnit.ThousandUsd)["MEX", "USA"].ShouldBe(5000);
        PairMatrix.Zero(Three).IsZero.ShouldBeTrue();
        PairMatrix.Rates(Three, [0, 0.25, 0, 0, 0, 0, 0, 0, 0]).IsZero.ShouldBeFalse();
    }
}
