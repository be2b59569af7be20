// Keeps the lessons and track record next to the promise form in step with the chosen category,
// customer and delivering department: fetches the rendered partial from the server.
(function () {
    'use strict';
    var panel = document.querySelector('[data-experience-url]');
    if (!panel) {
        return;
    }

    var fields = {
        categoryId: document.getElementById('Input_CategoryId'),
        customerId: document.getElementById('Input_CustomerId'),
        deliveringDepartmentId: document.getElementById('Input_DeliveringDepartmentId')
    };
    var latest = 0;

    function refresh() {
        var query = new URLSearchParams();
        Object.keys(fields).forEach(function (name) {
            if (fields[name] && fields[name].value) {
                query.set(name, fields[name].value);
            }
        });
        var request = ++latest;
        fetch(panel.getAttribute('data-experience-url') + '?' + query.toString(), { credentials: 'same-origin' })
            .then(function (response) { return response.ok ? response.text() : null; })
            .then(function (html) {
                if (html !== null && request === latest) {
                    panel.innerHTML = html;
                }
            })
            .catch(function () { /* keep what is shown; the next change tries again */ });
    }

    Object.keys(fields).forEach(function (name) {
        if (fields[name]) {
            fields[name].addEventListener('change', refresh);
        }
    });
}());
