using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore.Diagnostics;
using QualityGates.Domain;

namespace QualityGates.Web.Data;

/// <summary>
/// Lets queries call <see cref="LocalizedText.In"/> (ADR 0027): before EF compiles a query, each call becomes the
/// same choice as a conditional that EF translates to SQL — <c>CASE WHEN @language = 'de' AND NameGerman IS NOT NULL
/// THEN NameGerman ELSE Name END</c> —, so lists project, filter and sort by the name the reader sees without loading
/// rows into memory. EF has turned the language into a query parameter before this runs, so one compiled query
/// serves both languages.
/// </summary>
internal sealed class LocalizedTextQueries : ExpressionVisitor, IQueryExpressionInterceptor
{
    public static readonly LocalizedTextQueries Instance = new();

    private static readonly MethodInfo _in = typeof(LocalizedText).GetMethod(nameof(LocalizedText.In))!;
    private static readonly PropertyInfo _english = typeof(LocalizedText).GetProperty(nameof(LocalizedText.English))!;
    private static readonly PropertyInfo _german = typeof(LocalizedText).GetProperty(nameof(LocalizedText.German))!;

    public Expression QueryCompilationStarting(Expression queryExpression, QueryExpressionEventData eventData) => Visit(queryExpression);

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        if (node.Method != _in)
        {
            return base.VisitMethodCall(node);
        }

        var text = Visit(node.Object!);
        var german = Expression.Property(text, _german);
        return Expression.Condition(
            Expression.AndAlso(
                Expression.Equal(Visit(node.Arguments[0]), Expression.Constant(LocalizedText.GermanLanguage)),
                Expression.NotEqual(german, Expression.Constant(null, typeof(string)))),
            german,
            Expression.Property(text, _english));
    }
}
