namespace Tightrope.Bench;
