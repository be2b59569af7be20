namespace QualityGates.DataGenerator;

// Not top-level statements: their "Program" class would clash with the web app's in the test project.
internal static class GeneratorCommand
{
    private static async Task<int> Main(string[] args)
    {
        GeneratorOptions options;
        try
        {
            options = GeneratorOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            await Console.Error.WriteLineAsync(GeneratorOptions.Usage);
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        await Generator.RunAsync(options, Console.Out, cancel.Token);
        return 0;
    }
}
