// The error summary at the top of a refused form takes the focus, so keyboard and screen-reader users hear what went
// wrong first. Its entries follow the order of the fields on the page (the server lists them in the order its rules
// ran); each moves the focus to its field (for a type-ahead, to the input people type into).
(function () {
    'use strict';
    var summary = document.getElementById('error-summary');
    if (!summary) {
        return;
    }

    var entries = Array.prototype.map.call(summary.querySelectorAll('li'), function (item) {
        var link = item.querySelector('a[href^="#"]');
        var id = link ? decodeURIComponent(link.getAttribute('href').slice(1)) : null;
        var field = id ? document.getElementById(id + '-ts-control') || document.getElementById(id) : null;
        if (link && !field) {
            // A group without one field to go to (e.g. radio buttons): the message alone.
            link.replaceWith(document.createTextNode(link.textContent));
        } else if (link) {
            link.addEventListener('click', function (event) {
                event.preventDefault();
                field.scrollIntoView({ block: 'center' });
                field.focus();
            });
        }

        return { item: item, field: field };
    });

    // Problems of the whole form first, then field by field as they stand on the page.
    entries.sort(function (a, b) {
        if (!a.field || !b.field) {
            return (a.field ? 1 : 0) - (b.field ? 1 : 0);
        }

        return a.field.compareDocumentPosition(b.field) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });
    entries.forEach(function (entry) {
        entry.item.parentNode.appendChild(entry.item);
    });
    summary.focus();
}());
