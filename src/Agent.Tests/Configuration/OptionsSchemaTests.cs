using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using KafkaAgent.Configuration;

namespace KafkaAgent.Tests.Configuration;

public sealed class OptionsSchemaTests
{
    // A Native AOT publish sees only the options properties OptionsSchema.Resolve keeps; a class missing there
    // would make every key under it "unknown" in that build only.
    [Fact]
    public void Resolve_KeepsThePropertiesOfEveryOptionsClass()
    {
        var kept = typeof(OptionsSchema).GetMethod(nameof(OptionsSchema.Resolve))!
            .GetCustomAttributes<DynamicDependencyAttribute>()
            .Where(a => a.MemberTypes.HasFlag(DynamicallyAccessedMemberTypes.PublicProperties))
            .Select(a => a.Type)
            .OfType<Type>()
            .ToHashSet();

        var reached = new HashSet<Type>();
        var pending = new Stack<Type>([typeof(AgentOptions)]);
        while (pending.TryPop(out var type))
        {
            if (!reached.Add(type))
            {
                continue;
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var target = property.PropertyType;
                if (target.IsClass && target != typeof(string) && !target.IsGenericType)
                {
                    pending.Push(target);
                }
            }
        }

        Assert.Empty(reached.Except(kept).Select(t => t.Name));
    }
}
