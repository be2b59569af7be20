// The value chain's part fields suggest the parts colleagues gave links of the chosen category, else the usual ones.
(() => {
    const category = document.getElementById('Input_CategoryId');
    if (!category) {
        return;
    }

    category.addEventListener('change', () => {
        const list = document.getElementById(`link-parts-${category.value}`) ? `link-parts-${category.value}` : 'link-parts';
        document.querySelectorAll('input[data-link-part]').forEach(input => input.setAttribute('list', list));
    });
})();
