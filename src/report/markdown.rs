use super::Checked;
pub fn render(_files: &[Checked]) -> String {
    String::new()
}
