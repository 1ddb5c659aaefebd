using System.Text;
using Tightrope.Gravity.Data;
using Tightrope.Gravity.Estimation;

namespace Tightrope.Web;

/// <summary>A regression table row.</summary>
public sealed record EstimateCoefficient(string Term, double Estimate, double StdError, double Statistic, double PValue);

/// <summary>The answer of <c>POST /api/estimate</c>: coefficients, fit statistics, messages, and the CLI's CSV output.</summary>
public sealed record EstimateResponse(
    string File,
    IReadOnlyList<EstimateCoefficient> Coefficients,
    IReadOnlyList<KeyValuePair<string, string>> Statistics,
    IReadOnlyList<string> Messages,
    string Csv);

/// <summary>
/// Gravity estimation on an uploaded file. The upload is written to a private temporary folder under a generated name
/// (never a client path), checked to be CSV text or a Stata file, and deleted when the request ends.
/// </summary>
public sealed class EstimateService(SolveQueue queue)
{
    /// <summary>Reads the multipart form, estimates, and answers.</summary>
    public async Task<EstimateResponse> EstimateAsync(HttpRequest request, CancellationToken cancellation)
    {
        if (!request.HasFormContentType)
        {
            throw new ArgumentException("expected multipart/form-data with a 'file' part (CSV or Stata .dta) and a 'formula' field.");
        }

        var form = await request.ReadFormAsync(cancellation);
        var file = form.Files.GetFile("file") ?? throw new ArgumentException("the form has no 'file' part; attach a CSV or Stata .dta file.");
        var formula = form["formula"].ToString();
        if (string.IsNullOrWhiteSpace(formula))
        {
            throw new ArgumentException("the form has no 'formula'; e.g. trade ~ RTA | exporter^year + importer^year + pair_id.");
        }

        var model = (form["model"].ToString() is { Length: > 0 } m ? m : "ppml").ToLowerInvariant() switch
        {
            "ppml" or "poisson" => GravityModel.Ppml,
            "ols" => GravityModel.Ols,
            var other => throw new ArgumentException($"model '{other}': expected ppml or ols."),
        };
        var vcov = VcovSpec.Parse(form["vcov"].ToString() is { Length: > 0 } v ? v : "hetero");
        var subset = form["subset"].ToString();

        // Only the extension of the client's file name is used, to pick the reader.
        var name = Path.GetFileName(file.FileName);
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (extension is not (".csv" or ".dta"))
        {
            throw new ArgumentException($"upload '{name}' is not a data file: expected a CSV (.csv) or Stata (.dta) file.");
        }

        var folder = Directory.CreateTempSubdirectory("tightrope-upload-");
        try
        {
            var path = Path.Combine(folder.FullName, "upload" + extension);
            await using (var target = File.Create(path))
            {
                await file.CopyToAsync(target, cancellation);
            }

            CheckContent(path, name, extension);
            var fit = await queue.RunAsync(
                () =>
                {
                    var table = TableReader.Read(path);
                    var options = new EstimationOptions
                    {
                        Model = model,
                        Vcov = vcov,
                        Subset = subset.Length > 0 ? RowExpression.Parse(subset).EvaluateCondition(table) : null,
                    };
                    return GravityEstimator.Fit(table, formula, options);
                },
                cancellation);
            return new EstimateResponse(
                name,
                fit.Coefficients.Select(c => new EstimateCoefficient(c.Term, c.Estimate, c.StdError, c.Statistic, c.PValue)).ToList(),
                FitFormatter.Statistics(fit).Select(s => KeyValuePair.Create(s.Name, s.Value)).ToList(),
                fit.Messages,
                FitFormatter.Format(fit, OutputFormat.Csv));
        }
        catch (Tightrope.Data.DataFormatException e)
        {
            // The reader names the temporary file; the user knows it by the name they uploaded.
            throw new Tightrope.Data.DataFormatException(name, e.Line, e.Column, e.Problem);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    // A .dta file starts with the Stata 117+ XML-like tag or a format byte 102–115; a CSV is text without NUL bytes.
    private static void CheckContent(string path, string name, string extension)
    {
        var head = new byte[4096];
        int n;
        using (var s = File.OpenRead(path))
        {
            n = s.Read(head, 0, head.Length);
        }

        if (n == 0)
        {
            throw new ArgumentException($"upload '{name}' is empty.");
        }

        var ok = extension == ".dta"
            ? Encoding.ASCII.GetString(head, 0, Math.Min(n, 11)) == "<stata_dta>" || head[0] is >= 102 and <= 115
            : Array.IndexOf(head, (byte)0, 0, n) < 0;
        if (!ok)
        {
            throw new ArgumentException($"upload '{name}' is not a data file: its content is not {(extension == ".dta" ? "a Stata .dta file" : "CSV text")}.");
        }
    }
}
