/* Placeholder: being written. */
typedef int report_html_placeholder;
