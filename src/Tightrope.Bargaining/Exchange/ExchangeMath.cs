namespace Tightrope.Bargaining.Exchange;

/// <summary>Size of one equal-gain exchange: outcome shifts on both issues, each side's move and the common gain.</summary>
/// <param name="ShiftP">|ΔO_p|: shift of the outcome on p (J's supply issue) toward I.</param>
/// <param name="ShiftQ">|ΔO_q|: shift of the outcome on q (I's supply issue) toward J.</param>
/// <param name="MoveI">|m_I|: distance I moves on q.</param>
/// <param name="MoveJ">|m_J|: distance J moves on p.</param>
/// <param name="Gain">The equal gain G = |s_Iq ΔO_q − s_Ip ΔO_p|.</param>
public readonly record struct ExchangeSize(double ShiftP, double ShiftQ, double MoveI, double MoveJ, double Gain);

/// <summary>
/// The closed-form pieces of the Stokman–van Oosten equal-gain exchange (exchange-model.md §2, §4, §7, §8). Notation:
/// I supplies q and demands p, J supplies p and demands q; w = c·s, W = Σ w over the actors.
/// </summary>
public static class ExchangeMath
{
    /// <summary>The predicted outcome (NBS) Σ c s x / Σ c s; 0 when the total weight is 0.</summary>
    public static double Outcome(ReadOnlySpan<double> capability, ReadOnlySpan<double> salience, ReadOnlySpan<double> position) =>
        WeightedStats.Mean(capability, salience, position);

    /// <summary>The equal-gain exchange rate ΔO_q/ΔO_p = (s_Ip + s_Jp)/(s_Iq + s_Jq).</summary>
    public static double ExchangeRate(double sIp, double sJp, double sIq, double sJq) => (sIp + sJp) / (sIq + sJq);

    /// <summary>Shift of actor a needed to move the outcome by <paramref name="outcomeShift"/>: |δ| W / w_a.</summary>
    public static double ReverseMove(double outcomeShift, double totalWeight, double weight) => Math.Abs(outcomeShift) * totalWeight / weight;

    /// <summary>Equal gain from the two outcome shifts: |s_Iq ΔO_q − s_Ip ΔO_p|.</summary>
    public static double Gain(double sIp, double sIq, double shiftP, double shiftQ) => Math.Abs((sIq * shiftQ) - (sIp * shiftP));

    /// <summary>
    /// The largest equal-gain exchange (§4 steps 1–2): J moves fully (distance <paramref name="distanceJ"/>) unless I would then
    /// overshoot its partner (distance <paramref name="distanceI"/>), in which case I moves fully and J's move follows.
    /// </summary>
    public static ExchangeSize Size(
        double sIp, double sIq, double sJp, double sJq,
        double wIq, double wJp, double totalP, double totalQ,
        double distanceI, double distanceJ)
    {
        var rate = ExchangeRate(sIp, sJp, sIq, sJq);
        var moveJ = distanceJ;
        var shiftP = wJp * moveJ / totalP;
        var shiftQ = shiftP * rate;
        var moveI = ReverseMove(shiftQ, totalQ, wIq);
        if (moveI > distanceI)
        {
            moveI = distanceI;
            shiftQ = wIq * moveI / totalQ;
            shiftP = shiftQ / rate;
            moveJ = ReverseMove(shiftP, totalP, wJp);
        }

        return new ExchangeSize(shiftP, shiftQ, moveI, moveJ, Gain(sIp, sIq, shiftP, shiftQ));
    }

    /// <summary>Partial persistence of a move into the next round (§7): x + ω (y − x), ω = fixed + salienceWeight (1 − s).</summary>
    public static double NextStart(double salience, double start, double voting, double fixedWeight = 0.1, double salienceWeight = 0.4) =>
        start + ((fixedWeight + (salienceWeight * (1 - salience))) * (voting - start));

    /// <summary>
    /// The quantities of the randomised-rate variant's maximum utility (§8), from the full-move outcome shifts
    /// δ_p (J fully at x_Ip) and δ_q (I fully at x_Jq).
    /// </summary>
    public static MaximumUtility MaximumUtilities(double sIp, double sIq, double sJp, double sJq, double fullShiftP, double fullShiftQ)
    {
        var lossJ = fullShiftP * sJp;
        var gainI = fullShiftP * sIp;
        var lossI = fullShiftQ * sIq;
        var gainJ = fullShiftQ * sJq;

        // A is the side with the smaller full-move gain; Ā its partner.
        var aIsJ = gainI > gainJ;
        var (gain, loss) = aIsJ ? (gainJ, lossI) : (gainI, lossJ);
        var aSupply = aIsJ ? sJp : sIq;
        var otherDemand = aIsJ ? sIp : sJq;
        var sigma = aSupply / (aSupply + otherDemand);
        var delta1 = loss / (sigma * otherDemand);
        var delta2 = gain / (sigma * aSupply);
        var maxOther = (sigma * otherDemand * delta2) - loss;
        var maxA = gain - (sigma * aSupply * delta1);
        return new MaximumUtility(lossI, gainI, lossJ, gainJ, sigma, delta1, delta2, aIsJ ? maxOther : maxA, aIsJ ? maxA : maxOther);
    }
}

/// <summary>Maximum-utility quantities of one exchange (exchange-model.md §8).</summary>
/// <param name="LossI">δ_q s_Iq.</param>
/// <param name="GainI">δ_p s_Ip.</param>
/// <param name="LossJ">δ_p s_Jp.</param>
/// <param name="GainJ">δ_q s_Jq.</param>
/// <param name="Sigma">σ = s_A,supply/(s_A,supply + s_Ā,demand).</param>
/// <param name="Delta1">δ_1 = loss/(σ s_Ā,demand).</param>
/// <param name="Delta2">δ_2 = gain/(σ s_A,supply).</param>
/// <param name="MaximumI">G^max of side I.</param>
/// <param name="MaximumJ">G^max of side J.</param>
public readonly record struct MaximumUtility(
    double LossI, double GainI, double LossJ, double GainJ, double Sigma, double Delta1, double Delta2, double MaximumI, double MaximumJ);
