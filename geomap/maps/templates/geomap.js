/* geomap's drawing helpers, shared by every layer of one map.
   __SYMBOLS__ and __STYLE__ are replaced by the JSON of data/styles.json.
   Feature properties (color, symbol, vague_place, vague_date, bearing, halo_m, popup_html,
   tooltip) are computed and escaped in Python; nothing here reads article text. */
var geomap = (function () {
  "use strict";
  var SYMBOLS = __SYMBOLS__;
  var STYLE = __STYLE__;
  var ARROW = "M0 0L-6.5 14L0 10L6.5 14Z";

  function svgIcon(body, size, viewBox) {
    return L.divIcon({
      className: "geomap-symbol",
      html: '<svg xmlns="http://www.w3.org/2000/svg" width="' + size + '" height="' + size +
            '" viewBox="' + viewBox + '">' + body + "</svg>",
      iconSize: [size, size],
      iconAnchor: [size / 2, size / 2]
    });
  }

  function paint(p, minFill) {
    var fill = p.vague_place ? STYLE.imprecise.fill_opacity : (p.vague_date ? 0.5 : 0.9);
    fill = Math.max(fill, minFill || 0);
    var dash = p.vague_date ? ' stroke-dasharray="' + STYLE.imprecise.dash + '"' : "";
    return ' fill="' + p.color + '" fill-opacity="' + fill + '" stroke="' + p.color +
           '" stroke-width="1.6"' + dash + ' fill-rule="evenodd" stroke-linejoin="round"';
  }

  function symbolIcon(p) {
    var path = SYMBOLS[p.symbol] || SYMBOLS.circle;
    var halo = p.vague_place ? "" : '<path d="' + path + '" fill="none" stroke="#fff" stroke-width="3.2"/>';
    return svgIcon(halo + '<path d="' + path + '"' + paint(p) + "/>", 20, "0 0 20 20");
  }

  function arrowIcon(p) {
    var size = STYLE.movement_line.arrow * 2;
    var half = size / 2;
    return svgIcon('<path d="' + ARROW + '" transform="rotate(' + p.bearing + ')"' + paint(p, 0.6) + "/>",
                   size, -half + " " + -half + " " + size + " " + size);
  }

  return {
    eventToLayer: function (feature, latlng) {
      var p = feature.properties;
      var icon = p.bearing === undefined ? symbolIcon(p) : arrowIcon(p);
      return L.marker(latlng, {icon: icon, keyboard: false, riseOnHover: true});
    },
    routeStyle: function (feature) {
      var p = feature.properties;
      return {color: p.color, weight: STYLE.movement_line.weight, opacity: STYLE.movement_line.opacity,
              dashArray: p.vague_date ? "8 6" : null, lineCap: "round"};
    },
    haloToLayer: function (feature, latlng) {
      var p = feature.properties;
      return L.circle(latlng, {radius: p.halo_m, interactive: false, weight: 1,
                               color: p.color, opacity: 0.5, dashArray: "3 4",
                               fillColor: STYLE.imprecise.halo_color,
                               fillOpacity: STYLE.imprecise.halo_opacity});
    },
    placeToLayer: function (feature, latlng) {
      return L.circleMarker(latlng, {radius: 4, weight: 1, color: "#333", fillColor: "#fff",
                                     fillOpacity: 0.9});
    },
    bindDetails: function (feature, layer) {
      var p = feature.properties;
      if (p.popup_html) { layer.bindPopup(p.popup_html, {maxWidth: 380, autoPanPadding: [20, 20]}); }
      if (p.tooltip) { layer.bindTooltip(p.tooltip, {sticky: true, direction: "top"}); }
    }
  };
})();
