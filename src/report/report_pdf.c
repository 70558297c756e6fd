/* Placeholder: being written. */
typedef int report_pdf_placeholder;
