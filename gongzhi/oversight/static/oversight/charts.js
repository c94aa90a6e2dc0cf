/* The oversight page's chart (ECharts, served from our static files): one indicator at a time, a bar per
   community in the table's order. The table above holds every figure; without script the page is complete. */
(function () {
  "use strict";
  var holder = document.getElementById("oversight-chart");
  var source = document.getElementById("oversight-data");
  var pick = document.getElementById("oversight-chart-pick");
  if (!holder || !source || !pick || typeof window.echarts === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  if (!data.series.length) { return; }
  data.series.forEach(function (s, i) {
    var option = document.createElement("option");
    option.value = String(i);
    option.textContent = s.name;
    pick.appendChild(option);
  });
  var chart = window.echarts.init(holder, null, { renderer: "canvas" });
  function draw(i) {
    var s = data.series[i];
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      grid: { left: 48, right: 16, top: 24, bottom: 80 },
      xAxis: { type: "category", data: data.communities, axisLabel: { rotate: 45, interval: 0 } },
      yAxis: { type: "value", max: s.kind === "rate" && s.name.indexOf("%") >= 0 ? 100 : null },
      series: [{ type: "bar", name: s.name, data: s.data }]
    }, true);
  }
  pick.addEventListener("change", function () { draw(Number(pick.value)); });
  draw(0);
  window.addEventListener("resize", function () { chart.resize(); });
}());
