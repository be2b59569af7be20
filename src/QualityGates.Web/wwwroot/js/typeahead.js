// Turns every select[data-typeahead-url] into a type-ahead (Tom Select). The page renders only the chosen
// option and the empty one; the other choices come from the search endpoint as the user types. The select
// stays the form field: it posts as before and fires 'change' (promise-experience.js listens to it).
(function () {
    'use strict';
    if (typeof TomSelect === 'undefined') {
        return;
    }

    function escapeHtml(text) {
        var span = document.createElement('span');
        span.textContent = text;
        return span.innerHTML;
    }

    document.querySelectorAll('select[data-typeahead-url]').forEach(function (select) {
        var url = select.getAttribute('data-typeahead-url');
        var noResults = escapeHtml(select.getAttribute('data-typeahead-no-results') || '');
        var clearTitle = escapeHtml(select.getAttribute('data-typeahead-clear') || '');
        var hasEmptyChoice = select.querySelector('option[value=""]') !== null;

        new TomSelect(select, {
            valueField: 'id',
            labelField: 'name',
            // The endpoint has already matched, also on fields not shown (a customer's account number).
            score: function () {
                return function () { return 1; };
            },
            preload: 'focus',
            loadThrottle: 250,
            maxOptions: null,
            // The empty option's text ("All", "Choose…") is the placeholder; the button goes back to it.
            plugins: hasEmptyChoice ? { clear_button: { title: clearTitle } } : {},
            load: function (query, callback) {
                var control = this;
                var separator = url.indexOf('?') < 0 ? '?' : '&';
                fetch(url + separator + 'q=' + encodeURIComponent(query), {
                    credentials: 'same-origin',
                    headers: { Accept: 'application/json' }
                })
                    .then(function (response) { return response.ok ? response.json() : []; })
                    .then(function (matches) {
                        // Only this search's matches (and the chosen item) are offered.
                        control.clearOptions();
                        callback(matches);
                    })
                    .catch(function () { callback(); });
            },
            render: {
                option: function (item, escape) {
                    var department = item.department ? ' <small class="text-body-secondary">' + escape(item.department) + '</small>' : '';
                    return '<div>' + escape(item.name) + department + '</div>';
                },
                item: function (item, escape) {
                    return '<div>' + escape(item.name) + '</div>';
                },
                no_results: function () {
                    return '<div class="no-results">' + noResults + '</div>';
                }
            }
        });
        // Tom Select's own input is the combobox people use (its label moved there); the select it hides stays
        // only the form field, so assistive technology must not offer it as a second, unnamed choice.
        select.setAttribute('aria-hidden', 'true');
    });
}());
