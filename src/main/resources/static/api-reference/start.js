// Starts Swagger UI on the hub's own description; the online validator it would call is turned off.
window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: 'openapi.json',
    dom_id: '#reference',
    validatorUrl: null,
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis]
  });
});
