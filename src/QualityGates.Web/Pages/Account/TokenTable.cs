using QualityGates.Web.Api.Tokens;

namespace QualityGates.Web.Pages.Account;

/// <summary>What the token table partial (_TokenTable) shows: the tokens, at which moment, and whether with their users.</summary>
public sealed record TokenTable(IReadOnlyList<AccessTokenListItem> Tokens, DateTime NowUtc, bool ShowUser);
