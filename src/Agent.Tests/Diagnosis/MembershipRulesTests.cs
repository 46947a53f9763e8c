using KafkaAgent.Configuration.Discovery;
using KafkaAgent.Diagnosis;

namespace KafkaAgent.Tests.Diagnosis;

public sealed class MembershipRulesTests
{
    [Theory]
    [InlineData("PLAINTEXT://:9092", "PLAINTEXT://host-a.example:9092", true)]
    [InlineData("PLAINTEXT://0.0.0.0:9092", "PLAINTEXT://host-a.example:9092", true)]
    [InlineData("PLAINTEXT://host-a:9092", "PLAINTEXT://HOST-A:9092", true)]
    [InlineData("PLAINTEXT://host-a:9092", "PLAINTEXT://host-b:9092", false)]
    [InlineData("PLAINTEXT://:9092", "PLAINTEXT://host-a:9093", false)]
    [InlineData("PLAINTEXT://:9092,SSL://:9093", "PLAINTEXT://h:9092", false)]
    [InlineData("INTERNAL://:9092", "PLAINTEXT://h:9092", false)]
    public void EndpointsMatch_ComparesNamePortAndNonWildcardHost(string configured, string registered, bool expected)
    {
        var listeners = KafkaListener.ParseList(configured, out _);

        Assert.Equal(expected, MembershipRules.EndpointsMatch(listeners, registered.Split(',')));
    }
}
