// Draws the dashboard's charts from the JSON data block the page renders (no inline script: CSP-ready).
// Every chart's numbers are also in the table next to it, for screen readers and printing.
(function () {
    'use strict';

    var data = document.getElementById('dashboard-data');
    if (!data || typeof Chart === 'undefined') {
        return;
    }

    var charts = JSON.parse(data.textContent || '[]');
    var reduceMotion = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

    charts.forEach(function (spec) {
        var canvas = document.querySelector('canvas[data-chart="' + spec.id + '"]');
        if (!canvas) {
            return;
        }

        var suffix = spec.percent ? ' %' : '';
        var chart = new Chart(canvas, {
            type: spec.type,
            data: {
                labels: spec.labels,
                datasets: spec.series.map(function (series) {
                    return {
                        label: series.label,
                        data: series.data,
                        backgroundColor: series.color,
                        borderColor: series.color,
                        spanGaps: true,
                        tension: 0.2
                    };
                })
            },
            options: {
                responsive: true,
                maintainAspectRatio: false,
                animation: reduceMotion ? false : { duration: 300 },
                scales: {
                    x: { stacked: spec.stacked },
                    y: {
                        stacked: spec.stacked,
                        beginAtZero: true,
                        max: spec.percent ? 100 : undefined,
                        ticks: {
                            precision: spec.percent ? undefined : 0,
                            callback: function (value) { return value + suffix; }
                        }
                    }
                },
                plugins: {
                    legend: { position: 'bottom' },
                    tooltip: {
                        callbacks: {
                            label: function (context) {
                                var value = context.parsed.y;
                                return context.dataset.label + ': ' + (value === null ? '–' : value + suffix);
                            }
                        }
                    }
                }
            }
        });
        canvas.dataset.drawn = chart ? 'true' : 'false';
    });
}());
