// A "Print" button (data-print) prints the page; a script file, since the CSP allows no inline handlers.
(function () {
    'use strict';
    document.querySelectorAll('[data-print]').forEach(function (button) {
        button.addEventListener('click', function () {
            window.print();
        });
    });
})();
