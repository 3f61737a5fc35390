using PolySim.Cli;

return PolySimCommandLine.Invoke(args, Console.Out, Console.Error);
