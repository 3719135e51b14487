//! Filled polygons and stroked polylines on the current page: what charts are drawn with (bars
//! are rectangles, lines are polylines, pie slices are polygons that follow the arc closely).

use printpdf::{LinePoint, Op, PaintMode, Point, Polygon, PolygonRing, Pt, WindingOrder};

use super::Layout;
use crate::pdf::tags::Kind;
use crate::pdf::Color;

fn point((x, y): (f32, f32)) -> LinePoint {
    LinePoint { p: Point { x: Pt(x), y: Pt(y) }, bezier: false }
}

impl Layout {
    /// A filled polygon through `points` (page coordinates), closed back to the first.
    pub fn polygon(&mut self, points: &[(f32, f32)], color: Color) {
        if points.len() < 3 {
            return;
        }
        let page = self.page_index();
        self.marked(page, Kind::Graphic, |ops| {
            ops.push(Op::SetFillColor { col: color.into() });
            ops.push(Op::DrawPolygon {
                polygon: Polygon {
                    rings: vec![PolygonRing { points: points.iter().copied().map(point).collect() }],
                    mode: PaintMode::Fill,
                    winding_order: WindingOrder::NonZero,
                },
            });
        });
    }

    /// A line through `points`, `thickness` points wide, not closed.
    pub fn polyline(&mut self, points: &[(f32, f32)], color: Color, thickness: f32) {
        if points.len() < 2 {
            return;
        }
        let page = self.page_index();
        self.marked(page, Kind::Graphic, |ops| {
            ops.push(Op::SetOutlineColor { col: color.into() });
            ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
            ops.push(Op::DrawLine {
                line: printpdf::Line { points: points.iter().copied().map(point).collect(), is_closed: false },
            });
        });
    }
}
