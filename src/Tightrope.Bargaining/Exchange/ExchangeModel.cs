using System.Runtime.CompilerServices;

namespace Tightrope.Bargaining.Exchange;

/// <summary>Options of the equal-gain exchange model (exchange-model.md §7, §11 defaults).</summary>
public sealed record ExchangeOptions
{
    /// <summary>Number of rounds (the reference's --iterations, default 10).</summary>
    public int Rounds { get; init; } = 10;

    /// <summary>Stop early after a round in which no exchange is realised (the next round would be identical).</summary>
    public bool StopWhenNoExchanges { get; init; }

    /// <summary>FIXED_WEIGHT of the partial persistence of moves.</summary>
    public double FixedWeight { get; init; } = 0.1;

    /// <summary>SALIENCE_WEIGHT of the partial persistence of moves.</summary>
    public double SalienceWeight { get; init; } = 0.4;

    /// <summary>Relative tolerance under which two gains are a tie, broken by creation order.</summary>
    public double TieTolerance { get; init; } = 1e-12;
}

/// <summary>One realised exchange.</summary>
/// <param name="Round">Round, from 1.</param>
/// <param name="Gain">Equal gain of both sides.</param>
/// <param name="ActorI">Actor I (supplies <paramref name="IssueQ"/>, demands <paramref name="IssueP"/>), index in the set's actor list.</param>
/// <param name="IssueQ">Index of I's supply issue.</param>
/// <param name="StartI">I's position on q before the exchange (issue units).</param>
/// <param name="VotingI">I's voting position on q after it.</param>
/// <param name="ActorJ">Actor J (supplies <paramref name="IssueP"/>, demands q).</param>
/// <param name="IssueP">Index of J's supply issue.</param>
/// <param name="StartJ">J's position on p before the exchange.</param>
/// <param name="VotingJ">J's voting position on p after it.</param>
public sealed record RealisedExchange(int Round, double Gain, int ActorI, int IssueQ, double StartI, double VotingI, int ActorJ, int IssueP, double StartJ, double VotingJ);

/// <summary>Result of the exchange model, positions in each issue's own units (NaN where an actor has no stake).</summary>
/// <param name="Voting">Voting[t][d][k]: positions producing round t's outcome (t = 0: the input).</param>
/// <param name="Outcomes">Outcomes[t][d]: the c·s-weighted mean of Voting[t][d] (the model's predicted outcome).</param>
/// <param name="Exchanges">Every realised exchange in realisation order.</param>
/// <param name="NextStart">NextStart[t][d][k]: starting positions of round t+1 after partial persistence.</param>
public sealed record ExchangeResult(
    IReadOnlyList<double[][]> Voting,
    IReadOnlyList<double[]> Outcomes,
    IReadOnlyList<RealisedExchange> Exchanges,
    IReadOnlyList<double[][]> NextStart)
{
    /// <summary>Number of rounds run.</summary>
    public int RoundsRun => Voting.Count - 1;
}

/// <summary>
/// The Stokman–van Oosten equal-gain exchange model as specified in ../shared/specs/exchange-model.md (base model, p = 0).
/// Deterministic: among candidates whose gains are equal within <see cref="ExchangeOptions.TieTolerance"/> (relative) of the
/// largest, the one created first (issue pair, then A×D, then B×C, actors in input order) is realised first.
/// </summary>
public sealed class ExchangeModel
{
    private readonly int _issues;
    private readonly int _actors;
    private readonly bool[][] _has;
    private readonly double[][] _c;
    private readonly double[][] _s;
    private readonly double[][] _w;
    private readonly double[] _total;
    private readonly double[][] _initial;
    private readonly double[] _lower;
    private readonly double[] _scale;
    private readonly ExchangeOptions _options;
    private readonly double[] _sums; // round-start Σ w x per issue (normalised positions)
    private readonly List<Candidate>[] _bySupply;
    private readonly List<Candidate>[] _byDemand;
    private readonly List<Candidate> _alive = [];
    private readonly List<Candidate> _candidates = [];
    private readonly List<Candidate> _pool = [];
    private int _poolUsed;

    /// <summary>Prepares a run on a stakeholder set: positions are normalised to [0,100] with each issue's bounds.</summary>
    public ExchangeModel(StakeholderSet set, ExchangeOptions? options = null)
    {
        _options = options ?? new ExchangeOptions();
        _issues = set.Issues.Count;
        _actors = set.Actors.Count;
        var index = set.Actors.Select((a, k) => (a.Id, k)).ToDictionary(t => t.Id, t => t.k, StringComparer.Ordinal);
        _has = new bool[_issues][];
        _c = new double[_issues][];
        _s = new double[_issues][];
        _w = new double[_issues][];
        _initial = new double[_issues][];
        _total = new double[_issues];
        _lower = new double[_issues];
        _scale = new double[_issues];
        _sums = new double[_issues];
        _bySupply = new List<Candidate>[_actors * _issues];
        _byDemand = new List<Candidate>[_actors * _issues];
        for (var key = 0; key < _bySupply.Length; key++)
        {
            _bySupply[key] = [];
            _byDemand[key] = [];
        }
        for (var d = 0; d < _issues; d++)
        {
            var issue = set.Issues[d];
            _has[d] = new bool[_actors];
            _c[d] = new double[_actors];
            _s[d] = new double[_actors];
            _w[d] = new double[_actors];
            _initial[d] = new double[_actors];
            _lower[d] = issue.Issue.Lower;
            _scale[d] = 100 / (issue.Issue.Upper - issue.Issue.Lower);
            foreach (var stake in issue.Stakes)
            {
                var k = index[stake.Actor.Id];
                _has[d][k] = true;
                _c[d][k] = stake.Capability.Value;
                _s[d][k] = stake.Salience.Value;
                _w[d][k] = stake.Capability.Value * stake.Salience.Value;
                _initial[d][k] = (stake.Position.Value - issue.Issue.Lower) * _scale[d];
                _total[d] += _w[d][k];
            }
        }
    }

    /// <summary>Runs the model on a stakeholder set.</summary>
    public static ExchangeResult Run(StakeholderSet set, ExchangeOptions? options = null) => new ExchangeModel(set, options).Run();

    /// <summary>Runs every round.</summary>
    public ExchangeResult Run()
    {
        var x = _initial.Select(a => a.ToArray()).ToArray();
        var voting = new List<double[][]> { Denormalise(x) };
        var outcomes = new List<double[]> { RawOutcomes(x) };
        var nextStarts = new List<double[][]>();
        var exchanges = new List<RealisedExchange>();
        for (var t = 1; t <= _options.Rounds; t++)
        {
            var realised = Round(x);
            var vote = x.Select(a => a.ToArray()).ToArray();
            var next = x.Select(a => a.ToArray()).ToArray();
            foreach (var e in realised)
            {
                foreach (var side in e.Sides)
                {
                    vote[side.Supply][side.Actor] = side.Y;
                    next[side.Supply][side.Actor] = side.Start + ((_options.FixedWeight + (_options.SalienceWeight * (1 - _s[side.Supply][side.Actor]))) * (side.Y - side.Start));
                }

                exchanges.Add(new RealisedExchange(
                    t, e.Gain, e.I.Actor, e.I.Supply, Raw(e.I.Supply, e.I.Start), Raw(e.I.Supply, e.I.Y), e.J.Actor, e.J.Supply, Raw(e.J.Supply, e.J.Start), Raw(e.J.Supply, e.J.Y)));
            }

            voting.Add(Denormalise(vote));
            outcomes.Add(RawOutcomes(vote));
            nextStarts.Add(Denormalise(next));
            x = next;
            if (realised.Count == 0 && _options.StopWhenNoExchanges)
            {
                break;
            }
        }

        return new ExchangeResult(voting, outcomes, exchanges, nextStarts);
    }

    private double Raw(int d, double v) => (v / _scale[d]) + _lower[d];

    private double[][] Denormalise(double[][] x)
    {
        var r = new double[_issues][];
        for (var d = 0; d < _issues; d++)
        {
            r[d] = new double[_actors];
            for (var k = 0; k < _actors; k++)
            {
                r[d][k] = _has[d][k] ? Raw(d, x[d][k]) : double.NaN;
            }
        }

        return r;
    }

    private double[] RawOutcomes(double[][] x)
    {
        var o = Outcomes(x);
        for (var d = 0; d < _issues; d++)
        {
            o[d] = Raw(d, o[d]);
        }

        return o;
    }

    private double[] Outcomes(double[][] x)
    {
        var o = new double[_issues];
        for (var d = 0; d < _issues; d++)
        {
            o[d] = Outcome(x, d, -1, 0, null);
        }

        return o;
    }

    /// <summary>Outcome on d with the round-start positions, actor <paramref name="mover"/> at <paramref name="moverAt"/>, and the update table applied; raw NBS (de-normalisation is linear).</summary>
    /// <summary>
    /// Outcome on d with actor <paramref name="mover"/> at <paramref name="moverAt"/> and the update table applied, as a
    /// correction of the round-start weighted sum (O(table size) instead of O(actors)).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double AdjustedOutcome(double[][] x, int d, int mover, double moverAt, List<TableEntry>? updates)
    {
        var num = _sums[d];
        var w = _w[d];
        if (updates is not null)
        {
            foreach (var u in updates)
            {
                if (u.Issue == d && u.Actor != mover && _has[d][u.Actor])
                {
                    num += w[u.Actor] * (u.Position - x[d][u.Actor]);
                }
            }
        }

        num += w[mover] * (moverAt - x[d][mover]);
        return _total[d] == 0 ? 0 : num / _total[d];
    }

    private double Outcome(double[][] x, int d, int mover, double moverAt, List<TableEntry>? updates)
    {
        double num = 0;
        var has = _has[d];
        var w = _w[d];
        for (var k = 0; k < _actors; k++)
        {
            if (!has[k])
            {
                continue;
            }

            var pos = x[d][k];
            if (k == mover)
            {
                pos = moverAt;
            }
            else if (updates is not null)
            {
                foreach (var u in updates)
                {
                    if (u.Actor == k && u.Issue == d)
                    {
                        pos = u.Position;
                    }
                }
            }

            num += w[k] * pos;
        }

        return _total[d] == 0 ? 0 : num / _total[d];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private List<Candidate> Round(double[][] x)
    {
        var outcome = Outcomes(x);
        for (var d = 0; d < _issues; d++)
        {
            _sums[d] = outcome[d] * _total[d];
        }
        var candidates = _candidates;
        candidates.Clear();
        _poolUsed = 0;
        var groups = new List<int>[4];
        for (var g = 0; g < 4; g++)
        {
            groups[g] = [];
        }

        for (var p = 0; p < _issues; p++)
        {
            for (var q = p + 1; q < _issues; q++)
            {
                foreach (var g in groups)
                {
                    g.Clear();
                }

                for (var k = 0; k < _actors; k++)
                {
                    if (_has[p][k] && _has[q][k])
                    {
                        var code = (x[p][k] <= outcome[p] ? 1 : 0) + (x[q][k] <= outcome[q] ? 2 : 0);
                        groups[code].Add(k);
                    }
                }

                foreach (var a in groups[0])
                {
                    foreach (var b in groups[3])
                    {
                        Create(x, p, q, a, b, candidates);
                    }
                }

                foreach (var a in groups[1])
                {
                    foreach (var b in groups[2])
                    {
                        Create(x, p, q, a, b, candidates);
                    }
                }
            }
        }

        // Greedy selection (§5). Gains change only for candidates that share an (actor, supply issue) or (actor, demand issue)
        // with the realised exchange, so candidates are indexed by those keys and only those are revisited.
        // The index lists are reused from round to round.
        var bySupply = _bySupply;
        var byDemand = _byDemand;
        foreach (var list in bySupply)
        {
            list.Clear();
        }

        foreach (var list in byDemand)
        {
            list.Clear();
        }

        // Candidates stay in creation order; the best is found by a scan (a few hundred candidates, a few dozen picks per
        // round), which is cheaper than keeping a heap up to date after every recalculation.
        var alive = _alive;
        alive.Clear();
        for (var n = 0; n < candidates.Count; n++)
        {
            var e = candidates[n];
            e.Order = n;
            if (!e.Valid)
            {
                continue;
            }

            foreach (var side in e.Sides)
            {
                bySupply[(side.Actor * _issues) + side.Supply].Add(e);
                byDemand[(side.Actor * _issues) + side.Demand].Add(e);
            }

            alive.Add(e);
        }

        var realised = new List<Candidate>();
        var stamp = 0;
        while (true)
        {
            // Drop finished candidates, find the largest gain, then the earliest candidate within the tie tolerance of it.
            var write = 0;
            var max = double.NegativeInfinity;
            for (var r = 0; r < alive.Count; r++)
            {
                var e = alive[r];
                if (e.Done)
                {
                    continue;
                }

                alive[write++] = e;
                if (e.Gain > max)
                {
                    max = e.Gain;
                }
            }

            alive.RemoveRange(write, alive.Count - write);
            if (alive.Count == 0)
            {
                break;
            }

            var threshold = max - (Math.Abs(max) * _options.TieTolerance);
            Candidate? chosen = null;
            foreach (var e in alive)
            {
                if (e.Gain >= threshold)
                {
                    chosen = e;
                    break;
                }
            }

            chosen!.Done = true;
            realised.Add(chosen);
            stamp++;
            foreach (var side in chosen.Sides)
            {
                Visit(bySupply[(side.Actor * _issues) + side.Supply]);
                Visit(byDemand[(side.Actor * _issues) + side.Demand]);
            }
        }

        return realised;

        void Visit(List<Candidate> list)
        {
            foreach (var e in list)
            {
                if (e.Done || e.Stamp == stamp)
                {
                    continue;
                }

                e.Stamp = stamp;
                var (touched, valid) = Update(x, e, realised[^1]);
                if (!touched)
                {
                    continue;
                }

                if (!valid)
                {
                    e.Done = true; // invalid candidates are dropped
                }
            }
        }
    }

    private void Create(double[][] x, int p, int q, int a, int b, List<Candidate> into)
    {
        // ρ_k = s_kp / s_kq compared by cross-multiplication (no division by a zero salience); a tie gives gain 0: skipped.
        var lhs = _s[p][a] * _s[q][b];
        var rhs = _s[p][b] * _s[q][a];
        if (lhs == rhs)
        {
            return;
        }

        var (i, j) = lhs > rhs ? (a, b) : (b, a);
        if (_poolUsed == _pool.Count)
        {
            _pool.Add(new Candidate());
        }

        var e = _pool[_poolUsed++];
        e.Reset(p, q);
        e.I.Reset(i, q, p, x[q][i]);
        e.J.Reset(j, p, q, x[p][j]);
        Calculate(x, e);
        into.Add(e);
    }

    /// <summary>§4: equal-gain size, signs, the outcome-overshoot clip for each side, validity; appends the moves to each side's list.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Calculate(double[][] x, Candidate e)
    {
        int p = e.P, q = e.Q, i = e.I.Actor, j = e.J.Actor;
        double sIp = _s[p][i], sIq = _s[q][i], sJp = _s[p][j], sJq = _s[q][j];
        var targetI = x[q][j]; // I moves on q toward J's position
        var targetJ = x[p][i]; // J moves on p toward I's position
        var size = ExchangeMath.Size(sIp, sIq, sJp, sJq, _w[q][i], _w[p][j], _total[p], _total[q], Math.Abs(targetI - e.I.Current), Math.Abs(targetJ - e.J.Current));
        var rate = ExchangeMath.ExchangeRate(sIp, sJp, sIq, sJq);
        var dirI = Math.Sign(targetI - e.I.Current);
        var dirJ = Math.Sign(targetJ - e.J.Current);
        var moveI = size.MoveI;
        var moveJ = size.MoveJ;
        var shiftP = size.ShiftP;
        var shiftQ = size.ShiftQ;

        // Overshoot clip for I on q (partner J at targetI), then for J on p (partner I at targetJ).
        var o0 = AdjustedOutcome(x, q, i, e.I.Current, e.Updates);
        var o1 = AdjustedOutcome(x, q, i, e.I.Current + (dirI * moveI), e.Updates);
        if (StrictlyBetween(targetI, o0, o1))
        {
            shiftQ = Math.Abs(targetI - o0);
            moveI = ExchangeMath.ReverseMove(shiftQ, _total[q], _w[q][i]);
            shiftP = shiftQ / rate;
            moveJ = ExchangeMath.ReverseMove(shiftP, _total[p], _w[p][j]);
        }

        o0 = AdjustedOutcome(x, p, j, e.J.Current, e.Updates);
        o1 = AdjustedOutcome(x, p, j, e.J.Current + (dirJ * moveJ), e.Updates);
        if (StrictlyBetween(targetJ, o0, o1))
        {
            shiftP = Math.Abs(targetJ - o0);
            moveJ = ExchangeMath.ReverseMove(shiftP, _total[p], _w[p][j]);
            shiftQ = shiftP * rate;
            moveI = ExchangeMath.ReverseMove(shiftQ, _total[q], _w[q][i]);
        }

        e.Gain = ExchangeMath.Gain(sIp, sIq, shiftP, shiftQ);
        e.I.Push(dirI * moveI);
        e.J.Push(dirJ * moveJ);
        e.Valid = e.I.IsValid() && e.J.IsValid() && e.Gain >= 1e-10;
    }

    /// <summary>The reference checks sidedness on values rounded to 3 decimals.</summary>
    private static bool StrictlyBetween(double z, double a, double b)
    {
        z = Math.Round(z, 3);
        a = Math.Round(a, 3);
        b = Math.Round(b, 3);
        return (a < z && z < b) || (b < z && z < a);
    }

    /// <summary>§5: updates a remaining candidate after <paramref name="done"/> was realised; says whether it was touched and is still valid.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (bool Touched, bool Valid) Update(double[][] x, Candidate e, Candidate done)
    {
        var supply = false;
        var demand = false;
        foreach (var side in e.Sides)
        {
            foreach (var other in done.Sides)
            {
                if (side.Actor == other.Actor && side.Supply == other.Supply)
                {
                    side.Current = other.Y;
                    supply = true;
                }
            }
        }

        foreach (var side in e.Sides)
        {
            foreach (var other in done.Sides)
            {
                if (side.Actor == other.Actor && side.Demand == other.Demand)
                {
                    // The partner of `other` in the realised exchange supplies that demand issue and now sits at its voting position.
                    var mover = ReferenceEquals(other, done.I) ? done.J : done.I;
                    e.Record(mover.Actor, other.Demand, mover.Y, x[other.Demand][mover.Actor]);
                    demand = true;
                }
            }
        }

        if (!supply && !demand)
        {
            return (false, true);
        }

        if (!supply)
        {
            e.I.PopLast();
            e.J.PopLast();
        }

        Calculate(x, e);
        return (true, e.Valid);
    }

    private readonly record struct TableEntry(int Actor, int Issue, double Position);

    /// <summary>
    /// One side of an exchange. Its move list is kept as running totals: a removal of the last move (shared-demand event)
    /// is always followed by a new move, so "remove last, then add" is "replace last".
    /// </summary>
    private sealed class Side
    {
        private int _count;
        private double _last;
        private double _earlierSum;
        private bool _earlierPositive;
        private bool _earlierNegative;
        private bool _replaceNext;

        public int Actor { get; private set; }

        public int Supply { get; private set; }

        public int Demand { get; private set; }

        public double Start { get; private set; }

        public double Current { get; set; }

        public double Y { get; private set; }

        public void Reset(int actor, int supply, int demand, double start)
        {
            (Actor, Supply, Demand, Start, Current, Y) = (actor, supply, demand, start, start, start);
            (_count, _last, _earlierSum, _earlierPositive, _earlierNegative, _replaceNext) = (0, 0, 0, false, false, false);
        }

        public void Push(double move)
        {
            if (_replaceNext)
            {
                _replaceNext = false;
            }
            else
            {
                if (_count > 0)
                {
                    _earlierSum += _last;
                    _earlierPositive |= _last > 0;
                    _earlierNegative |= _last < 0;
                }

                _count++;
            }

            _last = move;
            Y = Current + move;
        }

        public void PopLast() => _replaceNext = _count > 0;

        public bool IsValid()
        {
            var m = _last;
            if (Math.Abs(m) > 100 || Math.Abs(m) <= 1e-10)
            {
                return false;
            }

            const double slack = 1e-9; // doubles, where the reference uses 28-digit decimals
            if (Current + m < -slack || Current + m > 100 + slack)
            {
                return false;
            }

            var positive = _earlierPositive || m > 0;
            var negative = _earlierNegative || m < 0;
            return _earlierSum + m <= 100 + slack && !(positive && negative);
        }
    }

    /// <summary>A candidate exchange; objects are pooled per model and reused from round to round.</summary>
    private sealed class Candidate
    {
        public Candidate()
        {
            Sides = [I, J];
        }

        public int P { get; private set; }

        public int Q { get; private set; }

        public Side I { get; } = new();

        public Side J { get; } = new();

        public Side[] Sides { get; }

        public double Gain { get; set; }

        public bool Valid { get; set; }

        public bool Done { get; set; }

        public int Order { get; set; }

        public int Stamp { get; set; } = -1;

        public List<TableEntry>? Updates { get; private set; }

        public void Reset(int p, int q)
        {
            (P, Q, Gain, Valid, Done, Order, Stamp) = (p, q, 0, false, false, 0, -1);
            Updates?.Clear();
        }

        /// <summary>Records that <paramref name="actor"/> sits at <paramref name="position"/> on <paramref name="issue"/>; an existing entry is kept if it is closer to the round-start position.</summary>
        public void Record(int actor, int issue, double position, double roundStart)
        {
            Updates ??= [];
            for (var u = 0; u < Updates.Count; u++)
            {
                if (Updates[u].Actor == actor && Updates[u].Issue == issue)
                {
                    if (Math.Abs(position - roundStart) < Math.Abs(Updates[u].Position - roundStart))
                    {
                        Updates[u] = new TableEntry(actor, issue, position);
                    }

                    return;
                }
            }

            Updates.Add(new TableEntry(actor, issue, position));
        }
    }
}
