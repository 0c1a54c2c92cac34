package dev.recon.reporting;

import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.BarGrouping;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;

/**
 * A column chart of the open items per aging bucket, one series per side, drawn beside the summary
 * sheet's aging table and reading its cells (so the chart and the table cannot disagree).
 */
final class AgingChart {
  private static final int FIRST_COLUMN = 7;
  private static final int WIDTH_COLUMNS = 8;
  private static final int HEIGHT_ROWS = 18;

  private AgingChart() {}

  /** Draws the chart for the table whose header is at row {@code headerRow}. */
  static void draw(XSSFSheet sheet, int headerRow) {
    int firstBucket = headerRow + 1;
    int lastBucket = headerRow + AgingBucket.values().length;
    XSSFDrawing drawing = sheet.createDrawingPatriarch();
    XSSFClientAnchor anchor =
        drawing.createAnchor(
            0,
            0,
            0,
            0,
            FIRST_COLUMN,
            Math.max(0, headerRow - 1),
            FIRST_COLUMN + WIDTH_COLUMNS,
            Math.max(0, headerRow - 1) + HEIGHT_ROWS);
    XSSFChart chart = drawing.createChart(anchor);
    chart.setTitleText("Open items by age");
    chart.setTitleOverlay(false);
    chart.getOrAddLegend().setPosition(LegendPosition.BOTTOM);
    XDDFCategoryAxis ages = chart.createCategoryAxis(AxisPosition.BOTTOM);
    ages.setTitle("Age since booking");
    XDDFValueAxis counts = chart.createValueAxis(AxisPosition.LEFT);
    counts.setTitle("Open items");
    counts.setCrosses(AxisCrosses.AUTO_ZERO);
    XDDFDataSource<String> buckets =
        XDDFDataSourcesFactory.fromStringCellRange(
            sheet, new CellRangeAddress(firstBucket, lastBucket, 0, 0));
    XDDFBarChartData data = (XDDFBarChartData) chart.createData(ChartTypes.BAR, ages, counts);
    data.setBarDirection(BarDirection.COL);
    data.setBarGrouping(BarGrouping.CLUSTERED);
    data.setVaryColors(false);
    for (int i = 0; i < SummarySheet.AGING_SIDES.size(); i++) {
      int column = i + 1;
      XDDFNumericalDataSource<Double> values =
          XDDFDataSourcesFactory.fromNumericCellRange(
              sheet, new CellRangeAddress(firstBucket, lastBucket, column, column));
      XDDFChartData.Series series = data.addSeries(buckets, values);
      series.setTitle(
          SummarySheet.AGING_SIDES.get(i).label(),
          new CellReference(sheet.getSheetName(), headerRow, column, true, true));
    }
    chart.plot(data);
  }
}
