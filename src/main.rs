fn main() {
    println!("ravel");
}
